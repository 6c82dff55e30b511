/**
 * Labels of the frozen authenticity set that the issue's own rules ("Buyer authenticity checks",
 * issue 17) do not settle one way. The set is frozen, so they are not edited: they are counted as
 * labelled and named here, so a reader of the figures knows which misses are arguable.
 */
import { loadAuthenticitySet } from './authenticityEvaluation.ts';

export interface AmbiguousLabel {
  ids: string[];
  why: string;
}

export function ambiguousLabels(): AmbiguousLabel[] {
  const { checks } = loadAuthenticitySet();
  const ids = (keep: (check: (typeof checks)[number]) => boolean) => checks.filter(keep).map((check) => check.id);
  return [
    {
      ids: ids((check) => check.kind === 'fake_code_valid_check_digit' && check.expected.automaticRefund),
      why:
        'labelled an automatic refund, but the code carries a GTIN that is not the enrolled brand’s. The issue’s hard evidence is “a revoked code or an unknown serial of an enrolled brand”, and it lists “the GTIN belongs to the claimed brand” as a check of its own: another product’s barcode is not a serial the brand never issued, so a case is as defensible as a refund.',
    },
    {
      // the copied photo is the label (its `why` says which photo was copied; a copied packaging photo beside the buyer's own label carries no other order's code)
      ids: ids((check) => check.kind === 'photo_reused_from_other_check' && /\blabel photo is ac-\d{4}/.test(check.why)),
      why:
        'labelled “no refund, not a clone”, but the label photo carries another order’s (gtin, serial), and the issue’s rule is that “the same (gtin, serial) in checks from different orders or buyers is a cloned code”, which is hard evidence. The set’s reading (a copied photo proves only that the buyer did not photograph the item) is the safer one; the issue does not say which wins.',
    },
  ];
}
