-- A fee line whose tariff component states no VAT: its VAT is unknown (OCPI), stored as NULL rather than 0.
ALTER TABLE session_fee_line ALTER COLUMN vat_minor_units DROP NOT NULL;
