package org.pilegate.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/** The built pilegate distribution as Pax Exam boots it: the real assembly, unchanged but for test plumbing. */
// public for the benchmarks in sub-packages, which boot it the same way
public final class PilegateDistribution {

    /** Status of running sessions goes to terminals this often in the test gateway. */
    static final int STATUS_INTERVAL_MS = 1_000;
    /** Association tokens live this long in the test gateway, the shortest allowed. */
    static final int PROMPT_LIFETIME_S = 10;
    /**
     * The gateway's HTTP port and the simulator's first Modbus port; set by the build so that gateways under test in
     * different checkouts can run side by side.
     */
    public static final int HTTP_PORT = Integer.getInteger("pilegate.itest.httpPort", 8181);
    /** The gateway's HTTPS port. */
    public static final int TLS_PORT = Integer.getInteger("pilegate.itest.tlsPort", 8443);
    static final int SIMULATOR_PORT = Integer.getInteger("pilegate.itest.simulatorPort", 15020);
    static final int SSH_PORT = Integer.getInteger("pilegate.itest.sshPort", 8101);

    private PilegateDistribution() {
    }

    /** The self-signed certificate the gateway under test generated on its first start; read inside the gateway. */
    public static Path gatewayCertificate() {
        return Path.of(System.getProperty("karaf.etc"), "tls", "gateway-cert.pem");
    }

    /** The distribution with {@code extra} options applied after the defaults, so that they override them. */
    public static Option[] options(Option... extra) {
        String version = System.getProperty("pilegate.version");
        String localRepository = System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository");
        Option[] base = {
                karafDistributionConfiguration()
                        .frameworkUrl(maven("org.pilegate", "karaf-assembly", version).type("tar.gz"))
                        .name("pilegate")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                systemTimeout(120_000),
                // Pax Exam's own bundles come from the build's repository, not from the network
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                        "org.ops4j.pax.url.mvn.localRepository", localRepository),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                        "org.ops4j.pax.url.mvn.repositories", "https://repo.maven.apache.org/maven2@id=central"),
                editConfigurationFilePut("etc/org.pilegate.session.cfg", "statusIntervalMs",
                        Integer.toString(STATUS_INTERVAL_MS)),
                editConfigurationFilePut("etc/org.pilegate.session.cfg", "promptLifetimeS",
                        Integer.toString(PROMPT_LIFETIME_S)),
                editConfigurationFilePut("etc/org.pilegate.routing.cfg", "port", Integer.toString(HTTP_PORT)),
                editConfigurationFilePut("etc/org.pilegate.routing.cfg", "tlsPort", Integer.toString(TLS_PORT)),
                editConfigurationFilePut("etc/org.pilegate.sim.cfg", "basePort", Integer.toString(SIMULATOR_PORT)),
                // the tests register the charge points they play
                editConfigurationFilePut("etc/org.pilegate.sim.ocpp.cfg", "count", "0"),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(SSH_PORT)),
                // Pax Exam waits 10 s for its test probe's services, which a loaded machine's boot outlasts
                systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("120000"),
                // the tests inside the gateway read the same ports
                systemProperty("pilegate.itest.httpPort").value(Integer.toString(HTTP_PORT)),
                systemProperty("pilegate.itest.tlsPort").value(Integer.toString(TLS_PORT)),
                systemProperty("pilegate.itest.simulatorPort").value(Integer.toString(SIMULATOR_PORT)),
        };
        return Stream.concat(Stream.of(base), Stream.of(extra)).toArray(Option[]::new);
    }
}
