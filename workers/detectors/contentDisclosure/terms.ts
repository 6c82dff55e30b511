/**
 * Disclosure wording, after the FTC's Endorsement Guides (16 CFR 255, revised 2023) and its
 * "Disclosures 101 for Social Media Influencers": "#ad", "advertisement", "sponsored" and "paid
 * partnership" are clear; "#sp", "#spon", "#collab", "#partner", "#ambassador" and a bare "thanks
 * to <brand>" are named there as ambiguous. The same split in Spanish, French, German and
 * Portuguese follows those countries' advertising self-regulators' guidance (Autocontrol, ARPP,
 * Landesmedienanstalten, CONAR): "publicidad", "publicité", "Werbung"/"Anzeige", "publicidade".
 *
 * Terms are written folded (lower case, no accents, umlauts as ae/oe/ue) as `foldText` leaves text.
 * A term starting with `#` matches that hashtag only; other terms match as whole words.
 */

export type DisclosureStrength = 'clear' | 'ambiguous';

export interface DisclosureTerm {
  term: string;
  strength: DisclosureStrength;
  language: 'en' | 'es' | 'fr' | 'de' | 'pt' | 'it' | 'nl' | 'pl' | 'sv' | 'tr' | 'ru' | 'el' | 'ja' | 'ko' | 'zh' | 'any';
}

const clear = (language: DisclosureTerm['language'], ...terms: string[]) => terms.map((term): DisclosureTerm => ({ term, strength: 'clear', language }));
const ambiguous = (language: DisclosureTerm['language'], ...terms: string[]) => terms.map((term): DisclosureTerm => ({ term, strength: 'ambiguous', language }));

export const DISCLOSURE_TERMS: readonly DisclosureTerm[] = [
  ...clear('any', '#ad', '#ads', '#advert', '#advertisement', '#sponsored', '#paidpartnership', '#paidpromotion', '#paidad'),
  ...clear('en', 'advertisement', 'sponsored', 'paid partnership', 'paid promotion', 'paid ad', 'paid post', 'ad:', '[ad]', '(ad)', 'this is an ad', 'is an ad', 'sponsored by', 'paid by', 'i was paid', 'we were paid'),
  ...ambiguous('en', '#sp', '#spon', '#collab', '#partner', '#partnership', '#ambassador', '#brandambassador', '#gifted', '#affiliate', '#thanks', 'thanks to', 'thank you to', 'in collaboration with', 'in partnership with', 'gifted', 'collab'),
  ...clear('es', '#publicidad', '#patrocinado', '#anuncio', '#publi', 'publicidad', 'patrocinado', 'patrocinada', 'anuncio', 'colaboracion pagada', 'colaboracion remunerada', 'contenido patrocinado', 'es publicidad'),
  ...ambiguous('es', '#colaboracion', '#colab', '#embajador', '#embajadora', '#regalo', 'gracias a', 'en colaboracion con'),
  ...clear('fr', '#publicite', '#pub', '#sponsorise', '#partenariatremunere', 'publicite', 'sponsorise', 'sponsorisee', 'partenariat remunere', 'collaboration commerciale', 'contenu sponsorise', 'annonce publicitaire'),
  ...ambiguous('fr', '#partenariat', '#ambassadrice', '#ambassadeur', '#cadeau', 'merci a', 'en partenariat avec', 'en collaboration avec'),
  ...clear('de', '#werbung', '#anzeige', '#gesponsert', '#bezahltepartnerschaft', 'werbung', 'anzeige', 'gesponsert', 'bezahlte partnerschaft', 'bezahlte werbung', 'bezahlte kooperation'),
  ...ambiguous('de', '#kooperation', '#markenbotschafter', '#markenbotschafterin', '#partnerschaft', 'danke an', 'in kooperation mit', 'in zusammenarbeit mit'),
  ...clear('pt', '#publicidade', '#patrocinado', '#parceriapaga', 'publicidade', 'parceria paga', 'conteudo pago', 'conteudo patrocinado', 'e publicidade'),
  ...ambiguous('pt', '#parceria', '#embaixadora', '#embaixador', '#recebido', '#presente', 'obrigado a', 'obrigada a', 'em parceria com'),
  // further languages, after their regulators' and platforms' wording: Italy (IAP, AGCOM),
  // the Netherlands (Reclamecode Social Media), Poland (UOKiK), Sweden (Konsumentverket),
  // Turkey (Reklam Kurulu), Russia (the advertising law's label), Greece, Japan (the 2023
  // stealth-marketing rule: 広告, プロモーション), Korea (KFTC: 광고, 협찬, 유료 광고), China (广告)
  ...clear('it', '#adv', '#pubblicita', '#sponsorizzato', 'pubblicita', 'sponsorizzato', 'sponsorizzata', 'contenuto sponsorizzato', 'collaborazione retribuita'),
  ...ambiguous('it', '#collaborazione', 'in collaborazione con'),
  ...clear('nl', '#advertentie', '#gesponsord', 'advertentie', 'gesponsord', 'betaalde samenwerking'),
  ...ambiguous('nl', '#samenwerking', 'in samenwerking met'),
  ...clear('pl', '#reklama', 'reklama', 'wspolpraca reklamowa', 'material sponsorowany', 'post sponsorowany'),
  ...ambiguous('pl', '#wspolpraca', 'we wspolpracy z'),
  ...clear('sv', '#reklam', '#annons', 'reklam', 'annons', 'betalt samarbete'),
  ...ambiguous('sv', '#samarbete', 'i samarbete med'),
  ...clear('tr', '#isbirligi', 'reklamdir', 'sponsorlu', 'ucretli ortaklik'),
  ...clear('ru', '#реклама', 'реклама', 'на правах рекламы', 'спонсорский'),
  ...clear('el', '#διαφημιση', 'διαφημιση', 'χορηγουμενο'),
  ...clear('ja', '#広告', '広告', 'プロモーション', '#プロモーション', '【pr】', '[pr]', '#pr広告'),
  ...clear('ko', '#광고', '광고', '유료광고', '유료 광고', '협찬', '#협찬'),
  ...clear('zh', '#广告', '广告', '赞助', '#赞助'),
];

/** Bare words too short or too common to count when spoken (said aloud, "#ad" is "ad", which "add" also sounds like). */
export const SPOKEN_EXCLUDED = new Set(['ad', 'ads', 'pub', 'publi', 'sp', 'spon', 'collab', 'gifted', 'partner', 'thanks', 'regalo', 'cadeau', 'presente', 'recebido']);

export interface TermMatch {
  term: string;
  strength: DisclosureStrength;
  language: string;
  /** character offset in the searched text */
  index: number;
  /** the term is a hashtag */
  hashtag: boolean;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// One pattern per term, compiled once. Hashtags must end where the tag ends (#ad is not #adidas);
// words must stand alone (anuncio, not anunciou; ad: at a word start).
/** Scripts written without spaces between words, where a word runs into the next (광고입니다, 広告です). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

const compiled = DISCLOSURE_TERMS.map((entry) => {
  const body = escape(entry.term).replace(/ /g, '\\s+');
  const unspaced = UNSPACED.test(entry.term);
  const start = unspaced && !entry.term.startsWith('#') ? '' : '(?<![\\p{L}\\p{N}_#])';
  const end = unspaced || /[:\])]$/.test(entry.term) ? '' : '(?![\\p{L}\\p{N}_])';
  return { entry, pattern: new RegExp(`${start}${body}${end}`, 'gu') };
});

/**
 * A term just after a negation is a denial, not a disclosure: "not sponsored", "no es publicidad",
 * "keine Werbung", "unbezahlte Werbung" (unpaid), "pas de publicite", "nao e publicidade", "without ads".
 */
const NEGATED = /(?:^|[^\p{L}])(?:not|never|no|non|without|sin|sem|nao|pas|sans|nicht|ohne|keine?|unbezahlte?)(?:\s+(?:an|a|de|d|un|una|uma|e|es|est|ist|is|this|une|eine?|paid|bezahlte?))*\s*[:|-]?\s*$/u;

/** Words said or written at the start of a caption that are a disclosure on their own there ("Ad | …", "AD - …"). */
const LEADING_AD = /^\s*(?:\p{Extended_Pictographic}\s*)*ad(?=\s*[|\-–—•·,!]|\s*$)/u;

/** Every disclosure term found in folded text, in order of position (denied terms left out). */
export function findDisclosureTerms(foldedText: string, options: { spoken?: boolean } = {}): TermMatch[] {
  const found: TermMatch[] = [];
  const leading = LEADING_AD.exec(foldedText);
  if (!options.spoken && leading) found.push({ term: 'ad', strength: 'clear', language: 'en', index: leading[0].length - 2, hashtag: false });
  for (const { entry, pattern } of compiled) {
    const hashtag = entry.term.startsWith('#');
    if (options.spoken && (hashtag || SPOKEN_EXCLUDED.has(entry.term))) continue;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(foldedText); match; match = pattern.exec(foldedText)) {
      found.push({ term: entry.term, strength: entry.strength, language: entry.language, index: match.index, hashtag });
    }
  }
  // Spoken and on-screen text carries hashtags as words: "hashtag ad", or "#ad" read aloud as "ad".
  if (options.spoken) {
    for (const { entry } of compiled) {
      if (!entry.term.startsWith('#') || SPOKEN_EXCLUDED.has(entry.term.slice(1))) continue;
      const word = new RegExp(`(?<![\\p{L}\\p{N}_#])(?:hashtag\\s+)?${escape(entry.term.slice(1))}(?![\\p{L}\\p{N}_])`, 'gu');
      for (let match = word.exec(foldedText); match; match = word.exec(foldedText)) {
        found.push({ term: entry.term, strength: entry.strength, language: entry.language, index: match.index, hashtag: false });
      }
    }
  }
  return found.filter((match) => !NEGATED.test(foldedText.slice(Math.max(0, match.index - 24), match.index))).sort((left, right) => left.index - right.index);
}

/**
 * Words that show a material connection without disclosing it: something given or paid for the
 * post, or a personal code or commission. The FTC's guides count free products, payment and
 * commissions as connections; these are the plain ways creators mention them, in the five
 * languages above, written folded. Bare words with everyday senses ("gift", "PR", "sponsor",
 * "free", "my code", "sent me") are left out: each phrase names the giving or the earning.
 */
export const CONNECTION_PHRASES: readonly string[] = [
  // en: given or sent for the post
  'gifted by', 'gifted to me', 'gifted me', 'was gifted', 'were gifted', 'got gifted', 'kindly sent', 'sent over by', 'pr package', 'pr box', 'press sample',
  'received this for free', 'received it for free', 'got this for free', 'got it for free', 'in exchange for a review', 'in exchange for an honest review', 'in exchange for my review',
  // en: paid, or earning from the post
  'paid me', 'paying me', 'got paid', 'paid to post', 'paid to review', 'use my code', 'with my code', 'my discount code', 'my affiliate link', 'earn a commission', 'earn a small commission', 'i get a commission', 'i earn commission',
  // es
  'me lo regalaron', 'me la regalaron', 'me lo enviaron', 'me la enviaron', 'me pagaron', 'usa mi codigo', 'con mi codigo', 'gano una comision',
  // fr
  'offert par la marque', 'on m a offert', 'm a ete offert', 'm a ete envoye', 'avec mon code', 'je touche une commission',
  // de
  'geschenkt bekommen', 'zur verfuegung gestellt', 'kostenlos zugeschickt', 'mit meinem code', 'ich bekomme eine provision',
  // pt
  'recebi de presente', 'ganhei de presente', 'recebi da marca', 'use meu cupom', 'com meu cupom', 'ganho comissao',
];

const connectionPatterns = CONNECTION_PHRASES.map((phrase) => ({ phrase, pattern: new RegExp(`(?<![\\p{L}\\p{N}_])${escape(phrase).replace(/ /g, '[\\s\\p{P}]+')}(?![\\p{L}\\p{N}_])`, 'gu') }));

/** The connection phrases in folded text, a denied one ("nobody paid me", "not gifted by") left out. */
export function findConnectionWords(foldedText: string): string[] {
  const found = new Set<string>();
  for (const { phrase, pattern } of connectionPatterns) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(foldedText); match; match = pattern.exec(foldedText)) {
      const before = foldedText.slice(Math.max(0, match.index - 24), match.index);
      if (NEGATED.test(before) || /(?:^|[^\p{L}])(?:nobody|no one|noone|nadie|personne|niemand|ninguem)\s*$/u.test(before)) continue;
      found.add(phrase);
    }
  }
  return [...found];
}
