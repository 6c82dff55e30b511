import type { RaRecord } from 'react-admin';

/** A marketplace (tenant) as /admin/v1/marketplaces returns it. */
export interface MarketplaceRecord extends RaRecord<string> {
  slug: string;
  name: string;
  disabled: boolean;
  disabledAt: string | null;
  createdAt: string;
}

/** What the API lets an admin change (everything else in the record is the server's). */
export const editableMarketplace = ({ name, disabled }: Partial<MarketplaceRecord>) => ({ name, disabled });

/** A slug proposed from a name: lower-case words joined by dashes, as the API accepts. */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}
