/** Hand-built multipart bodies, so tests control the framing (boundary, truncation) byte for byte. */
export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

export function multipartBody(parts: Part[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    const type = part.contentType ? `\r\nContent-Type: ${part.contentType}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** The parts of a vetting submission built by applicantFor (the JSON body), as multipart sends them. */
export function vettingParts(body: { document: { kind: string; imageBase64: string } } & Record<string, unknown>): Part[] {
  const { document, ...applicant } = body;
  return [
    { name: 'data', value: JSON.stringify({ ...applicant, documentKind: document.kind }) },
    { name: 'document', value: Buffer.from(document.imageBase64, 'base64'), filename: 'document.jpg', contentType: 'image/jpeg' },
  ];
}
