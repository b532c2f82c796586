package org.pilegate.web.internal;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signs operators in against a Karaf JAAS realm, the one the Karaf shell and SSH use. */
final class JaasOperatorLogin implements OperatorLogin {

    private static final Logger LOG = LoggerFactory.getLogger(JaasOperatorLogin.class);

    private final String realm;
    private final String role;
    private final Configuration configuration;

    JaasOperatorLogin(String realm, String role) {
        this(realm, role, null);
    }

    /** @param configuration the JAAS configuration to find the realm in; null for the JVM's (Karaf's) own */
    JaasOperatorLogin(String realm, String role, Configuration configuration) {
        this.realm = realm;
        this.role = role;
        this.configuration = configuration;
    }

    @Override
    public boolean check(String user, char[] password) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // LoginContext loads Karaf's proxy login module through the context class loader; it sits beside the
        // principals in Karaf's JAAS boot bundle
        thread.setContextClassLoader(RolePrincipal.class.getClassLoader());
        try {
            LoginContext login = new LoginContext(realm, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback secret) {
                        secret.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            }, configuration);
            login.login();
            boolean operator = subject.getPrincipals(RolePrincipal.class).stream()
                    .anyMatch(principal -> role.equals(principal.getName()));
            login.logout();
            if (!operator) {
                LOG.warn("Dashboard sign-in of '{}' refused: the account lacks the role '{}'", user, role);
            }
            return operator;
        } catch (LoginException e) {
            LOG.info("Dashboard sign-in of '{}' failed: {}", user, e.getMessage());
            return false;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
