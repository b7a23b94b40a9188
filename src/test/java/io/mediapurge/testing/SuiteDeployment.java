package io.mediapurge.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.eu.ingwar.tools.arquillian.extension.suite.annotations.ArquillianSuiteDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.FileAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment every Arquillian test class shares (one Payara Micro boot per suite): the
 * WAR the build produced, plus the test classes.
 */
@ArquillianSuiteDeployment
public final class SuiteDeployment {

    private SuiteDeployment() {
    }

    @Deployment
    public static WebArchive deployment() {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("mediapurge.test.war", "target/mediapurge.war")));
        Path testClasses = Path.of("target", "test-classes");
        try (Stream<Path> files = Files.walk(testClasses)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> war.add(
                    new FileAsset(f.toFile()), "WEB-INF/classes/" + testClasses.relativize(f).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return war;
    }
}
