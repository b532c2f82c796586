package org.pilegate.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/** The built pilegate distribution as Pax Exam boots it: the real assembly, unchanged but for test plumbing. */
final class PilegateDistribution {

    /** Status of running sessions goes to terminals this often in the test gateway. */
    static final int STATUS_INTERVAL_MS = 1_000;
    /** Association tokens live this long in the test gateway, the shortest allowed. */
    static final int PROMPT_LIFETIME_S = 10;

    private PilegateDistribution() {
    }

    static Option[] options(Option... extra) {
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
        };
        return Stream.concat(Stream.of(base), Stream.of(extra)).toArray(Option[]::new);
    }
}
