package io.mediapurge.console;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.mediapurge.access.PolicyEvaluator;
import io.mediapurge.access.Principal;
import io.mediapurge.access.PrincipalRef;
import io.mediapurge.access.Principals;
import io.mediapurge.access.ResourceArn;
import io.mediapurge.purge.ItemResult;
import io.mediapurge.purge.PurgePipeline;
import io.mediapurge.purge.Selector;
import io.mediapurge.registry.MediaAsset;
import io.mediapurge.registry.MediaRegistry;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The Access page's "what may this user do to asset X?" for the user selected there
 * ({@link AccessBean}): the purge pipeline's own screening and the policy evaluator, never a
 * second copy of their rules.
 */
@Named
@ViewScoped
public class AccessCheckBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ConsoleGuard guard;

    @Inject
    AccessBean access;

    @Inject
    transient Principals principals;

    @Inject
    transient MediaRegistry registry;

    @Inject
    transient PurgePipeline pipeline;

    private String checkAsset;
    private List<CheckRow> checks = List.of();
    private String checkedResource;
    /** The user the rows answer for; another user selected since shows none. */
    private String checkedFor;

    /** One line of "what may this user do to asset X". */
    public record CheckRow(String what, boolean allowed, String answer) implements Serializable {
    }

    /** What the selected user may do to one asset, decided by the same pipeline and evaluator a purge uses. */
    public void check() {
        PrincipalRef ref = new PrincipalRef(access.getAccount(), access.getUser());
        guard.require(ConsoleGuard.Permission.ADMIN, "CHECK_ACCESS", ref.toString());
        String text = checkAsset == null || checkAsset.isBlank() ? null : checkAsset.strip();
        if (text == null || Selector.problem(text) != null) {
            AccessChanges.message(FacesMessage.SEVERITY_ERROR, "Asset: a media ID or a file URL.");
            return;
        }
        Optional<Principal> principal = principals.byRef(ref.toString());
        if (principal.isEmpty()) {
            AccessChanges.message(FacesMessage.SEVERITY_ERROR, "There is no user " + ref + ".");
            return;
        }
        List<CheckRow> rows = new ArrayList<>();
        Selector selector = Selector.of(text);
        rows.add(outcome("Delete it (registry only)", pipeline.screen(principal.get(), false, false, List.of(selector))));
        rows.add(outcome("Delete it with its files", pipeline.screen(principal.get(), true, false, List.of(selector))));
        Optional<MediaAsset> asset = selector.type() == io.mediapurge.purge.SelectorType.MEDIA_ID ? registry.byMediaId(text) : Optional.empty();
        asset.ifPresent(a -> {
            ResourceArn arn = ResourceArn.media(a.getRegion(), a.getOwnerUid(), a.getMediaId());
            PolicyEvaluator evaluator = PolicyEvaluator.forPrincipal(principal.get());
            for (String action : List.of(PurgePipeline.ACTION, "ice:GetMediaInfo")) {
                var decision = evaluator.decide(action, arn);
                rows.add(new CheckRow(action + " (its policies alone)", decision.allowed(), decision.toString()
                        + (decision.basis() == io.mediapurge.access.AccessDecision.Basis.NO_POLICY_ALLOWS ? ": no policy of this user allows it" : "")));
            }
        });
        checks = rows;
        checkedFor = ref.toString();
        checkedResource = asset.map(a -> ResourceArn.media(a.getRegion(), a.getOwnerUid(), a.getMediaId()).toString()).orElse(null);
    }

    private static CheckRow outcome(String what, PurgePipeline.Screened screened) {
        if (!screened.allowed().isEmpty()) {
            return new CheckRow(what, true, "allowed: it would be DELETED");
        }
        ItemResult r = screened.decided().get(0);
        String words = r.reason() == null ? null : REASONS_IN_WORDS.get(r.reason());
        return new CheckRow(what, false, r.outcome() + (r.reason() == null ? "" : " " + r.reason()) + (words == null ? "" : ": " + words));
    }

    /** What the recorded reasons mean, for the person reading the check at night. */
    private static final java.util.Map<String, String> REASONS_IN_WORDS = java.util.Map.of(
            "NOT_OWNER", "the asset belongs to another account",
            "POLICY_DENY", "a policy denies it, or none allows it",
            "BUCKET_NOT_AUTHORIZED", "the owner has not granted a bucket holding its files",
            "UNKNOWN", "no asset is registered by that ID or URL",
            "MALFORMED", "not a media ID or an OSS file URL",
            "ALREADY_DELETED", "the asset is deleted already");

    private boolean current() {
        return checkedFor != null && Objects.equals(checkedFor, access.getUserRef());
    }

    public String getCheckAsset() { return checkAsset; }
    public void setCheckAsset(String v) { this.checkAsset = v; }
    public List<CheckRow> getChecks() { return current() ? checks : List.of(); }
    public String getCheckedResource() { return current() ? checkedResource : null; }
}
