package io.mediapurge.schedule;

/**
 * A purge rule as its author writes it (the REST body, the console's form): everything but its ID
 * and what follows from the schedule. {@code maxItems} null means no cap.
 */
public record RuleDefinition(String name, String actsAs, String cron, String timeZone, RuleSelection select,
        boolean deletePhysicalFiles, boolean dryRun, Long maxItems, int partitions, boolean enabled, MissedFires missedFires) {
}
