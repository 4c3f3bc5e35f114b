-- why: exchange rates can also come from a CSV file (currency, date, rate); they are marked 'import' so admins
-- can tell them from manual entries and ČNB files.
ALTER TABLE exchange_rates DROP CONSTRAINT exchange_rates_source_check;
ALTER TABLE exchange_rates ADD CONSTRAINT exchange_rates_source_check CHECK (source IN ('manual', 'cnb', 'import'));
