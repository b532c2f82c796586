-- Who bills a charge point's transaction: the pile's session when the gateway started it or a session took it over
-- (by_session), otherwise the transaction itself once its stop is reported (a charger that ran it offline, or on its
-- own), as the session billed_session_id. The stop's transactionData is kept for that, so a gateway stopped between
-- the stop and the bill still bills it, once, from the store.
ALTER TABLE ocpp_transaction ADD COLUMN by_session BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE ocpp_transaction ADD COLUMN transaction_data VARCHAR(1000000);
ALTER TABLE ocpp_transaction ADD COLUMN billed_session_id VARCHAR(64);
