package org.pilegate.web.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

class JaasOperatorLoginTest {

    private static final Configuration REALM = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return "depot".equals(name)
                    ? new AppConfigurationEntry[] {new AppConfigurationEntry(UsersModule.class.getName(),
                            LoginModuleControlFlag.REQUIRED, Map.of())}
                    : null;
        }
    };

    private final JaasOperatorLogin login = new JaasOperatorLogin("depot", "admin", REALM);

    @Test
    void anOperatorWithTheRoleSignsIn() {
        assertTrue(login.check("olga", "olga-pw".toCharArray()));
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        assertFalse(login.check("olga", "guess".toCharArray()));
        assertFalse(login.check("nobody", "olga-pw".toCharArray()));
    }

    @Test
    void anAccountWithoutTheRoleIsRefused() {
        assertFalse(login.check("victor", "victor-pw".toCharArray()));
    }

    @Test
    void anUnknownRealmIsRefused() {
        assertFalse(new JaasOperatorLogin("elsewhere", "admin", REALM).check("olga", "olga-pw".toCharArray()));
    }

    /** A realm of two accounts: olga the admin and victor, a viewer; passwords are the name and "-pw". */
    public static final class UsersModule implements LoginModule {

        private static final Map<String, String> ROLES = Map.of("olga", "admin", "victor", "viewer");
        private Subject subject;
        private CallbackHandler handler;
        private String user;

        @Override
        public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState,
                Map<String, ?> options) {
            this.subject = subject;
            this.handler = handler;
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[] {name, password});
            } catch (Exception e) {
                throw new LoginException(e.getMessage());
            }
            if (!ROLES.containsKey(name.getName())
                    || !(name.getName() + "-pw").equals(new String(password.getPassword()))) {
                throw new FailedLoginException("wrong user or password");
            }
            user = name.getName();
            return true;
        }

        @Override
        public boolean commit() {
            subject.getPrincipals().add(new UserPrincipal(user));
            subject.getPrincipals().add(new RolePrincipal(ROLES.get(user)));
            return true;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            subject.getPrincipals().clear();
            return true;
        }
    }
}
