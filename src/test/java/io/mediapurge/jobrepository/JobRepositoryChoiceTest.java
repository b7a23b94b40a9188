package io.mediapurge.jobrepository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The name the application chooses is the launcher's job repository, and choosing it names it
 * where the batch runtime looks (Payara's batch classes are on the unit tests' class path only:
 * see the pom).
 */
class JobRepositoryChoiceTest {

    @Test
    void theChosenNameIsTheLaunchersJobRepositoryAndTheRuntimeSeesIt() throws Exception {
        // by name, as the application does: the test's compiler does not see Payara's classes either
        Class<?> repository = Class.forName(JobRepositoryChoice.CHUNK_COMMIT_REPOSITORY);
        assertEquals("fish.payara.jbatch.persistence.rdbms.PostgresPersistenceManager", repository.getSuperclass().getName());

        repository.getMethod("chooseForBatchRuntime").invoke(null);

        Class<?> spi = Class.forName("com.ibm.jbatch.spi.BatchSPIManager");
        Properties overrides = (Properties) spi.getMethod("getBatchContainerOverrideProperties")
                .invoke(spi.getMethod("getInstance").invoke(null));
        assertEquals(repository.getName(), overrides.getProperty("PERSISTENCE_MANAGEMENT_SERVICE"));
    }
}
