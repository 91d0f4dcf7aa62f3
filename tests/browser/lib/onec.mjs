// The emulated 1C publication over its OData API, as a 1C user would change it.
export class OneC {
  constructor(baseUrl, user, password) {
    this.baseUrl = baseUrl;
    this.auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }

  objectUrl(set, refKey) {
    return `${this.baseUrl}/${encodeURIComponent(set)}(guid'${refKey}')?$format=json`;
  }

  async get(set, refKey) {
    const response = await fetch(this.objectUrl(set, refKey), {headers: {Authorization: this.auth}});
    if (!response.ok) throw new Error(`1C GET ${set} ${refKey}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  async patch(set, refKey, changes) {
    const response = await fetch(this.objectUrl(set, refKey), {
      method: 'PATCH',
      headers: {Authorization: this.auth, 'Content-Type': 'application/json'},
      body: JSON.stringify(changes),
    });
    if (!response.ok) throw new Error(`1C PATCH ${set} ${refKey}: ${response.status} ${await response.text()}`);
    return response.json();
  }
}

// The emulator's fixed keys (tests/emulator/ut11_infobase.cpp, refKey).
export function refKey(kind, n) {
  const kinds = {group: 1, unit: 2, item: 3, 'price-type': 4, counterparty: 5, order: 6};
  return `${kinds[kind].toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const COUNTERPARTIES = 'Catalog_Контрагенты';
export const ORDERS = 'Document_ЗаказКлиента';
