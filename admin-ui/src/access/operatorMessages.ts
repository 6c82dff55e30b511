/** The operator admin's console strings; i18n.ts merges them into the one message table. */
export const operatorResourceMessages = {
  marketplaces: {
    name: 'Marketplace |||| Marketplaces',
    fields: { name: 'Name', slug: 'Slug', disabled: 'Disabled', createdAt: 'Created', q: 'Search' },
  },
  'api-keys': {
    name: 'API key |||| API keys',
    fields: { name: 'Name', prefix: 'Starts with', marketplaceId: 'Marketplace', active: 'Active', createdAt: 'Issued', lastUsedAt: 'Last used', revokedAt: 'Revoked' },
  },
  users: {
    name: 'User |||| Users',
    fields: {
      email: 'Email',
      displayName: 'Name',
      role: 'Role',
      allMarketplaces: 'Every marketplace',
      marketplaceIds: 'Marketplaces',
      disabled: 'Disabled',
      password: 'Password',
      createdAt: 'Created',
      q: 'Search',
    },
  },
  policies: {
    name: 'Policy |||| Policies',
    fields: { key: 'Policy', version: 'Version', rules: 'Rules (JSON)', note: 'Note', createdBy: 'Created by', createdAt: 'Created' },
  },
};

export const operatorMessages = {
  access: {
    title: 'Not allowed',
    admin_required: 'You need the admin role',
    admin_required_detail: 'This page is for administrators. Ask an admin if you need something changed here.',
  },
  marketplaces: {
    slug_rule: 'Lower-case letters, digits and dashes',
    slug_help: 'Fixed once created; used in logs and in the URL of nothing public',
    disable_help: 'A disabled marketplace’s API keys are refused from the next request',
  },
  api_keys: {
    issue: 'Issue key',
    name_help: 'Say where the key is used, e.g. "production" or "rotation 2026-12"',
    issued_title: 'New key “%{name}”',
    shown_once: 'Copy this key now: it is shown only this once. Bonafide keeps only a hash of it.',
    key: 'API key',
    copy: 'Copy',
    copied: 'Copied',
    done: 'I have stored the key',
    revoke: 'Revoke',
    revoke_title: 'Revoke key %{recordRepresentation}?',
    revoke_content: 'Requests with this key are refused from now on. This cannot be undone.',
  },
  users: {
    all_marketplaces_help: 'Platform-wide: every marketplace, now and later (meant for admins)',
    disable_help: 'A disabled user is logged out at once and cannot log in',
    password_help: 'Leave empty to keep the password; a new one logs the user out everywhere',
  },
  policies: {
    new_version: 'New version',
    new_version_from: 'New version from v%{version}',
    key_rule: 'Lower-case words joined by dashes, e.g. seller-vetting',
    rules_not_json: 'The rules must be a JSON object',
    note_help: 'Why this version: kept with it',
  },
};
