-- A transaction whose session ended while its charge point was away and could not be told to stop: the register and
-- time its session billed it up to. The charge point is told to stop once it is back; what it drew from there to its
-- meterStop is billed on its own, as the session ocpp-<chargePoint>-<transactionId>.
ALTER TABLE ocpp_transaction ADD COLUMN released_wh BIGINT;
ALTER TABLE ocpp_transaction ADD COLUMN released_at TIMESTAMP WITH TIME ZONE;
