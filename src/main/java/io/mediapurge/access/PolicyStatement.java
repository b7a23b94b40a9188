package io.mediapurge.access;

import java.util.List;

/** One statement of a policy: its effect on the actions and resources it names (wildcards allowed). */
public record PolicyStatement(Effect effect, List<String> actions, List<String> resources) {

    public PolicyStatement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }
}
