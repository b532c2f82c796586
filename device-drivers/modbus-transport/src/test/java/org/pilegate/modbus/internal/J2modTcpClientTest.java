package org.pilegate.modbus.internal;

import org.pilegate.modbus.ErrorKind;
import org.pilegate.modbus.internal.ModbusManagerConfig.TcpClient;

/** The transport's contract for Modbus TCP through j2mod, the client that can still be chosen. */
class J2modTcpClientTest extends ModbusManagerImplTest {

    @Override
    TcpClient tcpClient() {
        return TcpClient.J2MOD;
    }

    /** j2mod itself fails the transaction (tried once) before the transport's own check of the answer. */
    @Override
    ErrorKind wrongTransactionIdKind() {
        return ErrorKind.IO;
    }
}
