package org.pilegate.web.internal;

/** Checks an operator's name and password; true only for an account that holds the operator role. */
@FunctionalInterface
interface OperatorLogin {

    boolean check(String user, char[] password);
}
