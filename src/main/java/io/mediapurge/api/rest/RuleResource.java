package io.mediapurge.api.rest;

import java.io.IOException;
import java.io.InputStream;
import java.time.format.DateTimeFormatter;

import io.mediapurge.access.OperatorAction;
import io.mediapurge.access.OperatorPermissions;
import io.mediapurge.access.PrincipalRef;
import io.mediapurge.api.ApiError;
import io.mediapurge.registry.ServiceRegion;
import io.mediapurge.schedule.InvalidRule;
import io.mediapurge.schedule.RuleDefinition;
import io.mediapurge.schedule.RuleFire;
import io.mediapurge.schedule.RuleFiring;
import io.mediapurge.schedule.RuleMatches;
import io.mediapurge.schedule.Rules;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/rules}: purge rules of the caller's account (another account's do not exist for
 * it), their fires, a run now, and {@code /api/v1/rules:preview} of a rule not saved. Each endpoint
 * needs its RAM action on {@code rule/ID} ({@code rule/*} to create, list and preview); a rule's
 * runs delete with the permissions of the RAM user it acts as, so saving, enabling or running a
 * rule that acts as someone else needs the same right as starting their submission. The body is
 * read by {@link RuleBody}, a rule written by {@link RuleJson}.
 */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {

    static final int MAX_BODY = 64 * 1024;
    static final int MAX_FIRES = 100;

    @Inject
    Rules rules;

    @Inject
    RuleFiring firing;

    @Inject
    RuleMatches matches;

    @Inject
    ServiceRegion region;

    @Audited("CREATE_RULE")
    @POST
    @Path("rules")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @Context ContainerRequestContext request) throws IOException {
        OperatorCaller caller = OperatorCaller.of(request);
        OperatorPermissions permissions = permissions(caller);
        String account = caller.principal().accountUid();
        permissions.require(OperatorAction.CREATE_RULE, permissions.anyRule(account));
        RuleDefinition definition = RuleBody.definition(read(body), caller);
        requireActingFor(permissions, definition);
        Rules.RuleView rule = valid(() -> rules.create(account, caller.principalRef(), definition));
        return Response.status(Response.Status.CREATED).header("Location", "/api/v1/rules/" + rule.id())
                .entity(RuleJson.rule(rule, caller)).build();
    }

    @GET
    @Path("rules")
    public JsonObject list(@Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        OperatorPermissions permissions = permissions(caller);
        String account = caller.principal().accountUid();
        permissions.require(OperatorAction.LIST_RULES, permissions.anyRule(account));
        JsonArrayBuilder list = Json.createArrayBuilder();
        rules.list(account).forEach(rule -> list.add(RuleJson.rule(rule, null)));
        return Json.createObjectBuilder().add("requestId", caller.requestId()).add("rules", list).build();
    }

    @GET
    @Path("rules/{id}")
    public JsonObject rule(@PathParam("id") long id, @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        return RuleJson.rule(allowed(id, caller, OperatorAction.GET_RULE), caller);
    }

    @Audited(value = "UPDATE_RULE", target = "rule")
    @PUT
    @Path("rules/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject update(@PathParam("id") long id, InputStream body, @Context ContainerRequestContext request) throws IOException {
        OperatorCaller caller = OperatorCaller.of(request);
        allowed(id, caller, OperatorAction.UPDATE_RULE);
        RuleDefinition definition = RuleBody.definition(read(body), caller);
        requireActingFor(permissions(caller), definition);
        return RuleJson.rule(valid(() -> rules.update(id, caller.principal().accountUid(), definition)).orElseThrow(() -> notFound(id)),
                caller);
    }

    @Audited(value = "DELETE_RULE", target = "rule")
    @DELETE
    @Path("rules/{id}")
    public Response delete(@PathParam("id") long id, @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        allowed(id, caller, OperatorAction.DELETE_RULE);
        if (!rules.delete(id, caller.principal().accountUid())) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    @Audited(value = "ENABLE_RULE", target = "rule")
    @POST
    @Path("rules/{id}/enable")
    public JsonObject enable(@PathParam("id") long id, @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        Rules.RuleView rule = allowed(id, caller, OperatorAction.UPDATE_RULE);
        permissions(caller).requireActingFor(PrincipalRef.parse(rule.definition().actsAs()).orElseThrow(ApiError::internal));
        return RuleJson.rule(rules.enable(id, caller.principal().accountUid(), true).orElseThrow(() -> notFound(id)), caller);
    }

    @Audited(value = "DISABLE_RULE", target = "rule")
    @POST
    @Path("rules/{id}/disable")
    public JsonObject disable(@PathParam("id") long id, @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        allowed(id, caller, OperatorAction.UPDATE_RULE);
        return RuleJson.rule(rules.enable(id, caller.principal().accountUid(), false).orElseThrow(() -> notFound(id)), caller);
    }

    /** Fires the rule now: 201 with the submission and its run, or 409 when the fire was skipped or failed. */
    @Audited(value = "RUN_RULE", target = "rule")
    @POST
    @Path("rules/{id}/run")
    public Response run(@PathParam("id") long id, @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        Rules.RuleView rule = allowed(id, caller, OperatorAction.RUN_RULE);
        // The run deletes with the permissions of the RAM user the rule acts as.
        permissions(caller).requireActingFor(PrincipalRef.parse(rule.definition().actsAs()).orElseThrow(ApiError::internal));
        RuleFiring.Fired fired = firing.runNow(id, java.time.Instant.now());
        if (fired.state() == RuleFire.State.SKIPPED) {
            throw new ApiError(409, "RuleRunSkipped", "Rule " + id + " did not run: " + fired.reason() + ".");
        }
        if (fired.state() != RuleFire.State.FIRED) {
            throw new ApiError(409, "RuleRunFailed", "Rule " + id + " did not run: " + fired.reason() + ".");
        }
        JsonObjectBuilder json = Json.createObjectBuilder().add("requestId", caller.requestId()).add("fireId", fired.fireId());
        JsonBodies.nullable(json, "submissionId", fired.submissionId());
        JsonBodies.nullable(json, "jobExecutionId", fired.jobExecutionId());
        json.add("matched", fired.matched()).add("capped", fired.capped());
        return Response.status(Response.Status.CREATED).entity(json.build()).build();
    }

    @GET
    @Path("rules/{id}/fires")
    public JsonObject fires(@PathParam("id") long id, @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        allowed(id, caller, OperatorAction.GET_RULE);
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Rules.FireView f : rules.fires(id, caller.principal().accountUid(), MAX_FIRES).orElseThrow(() -> notFound(id))) {
            JsonObjectBuilder fire = Json.createObjectBuilder()
                    .add("id", f.id())
                    .add("scheduledAt", f.scheduledAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .add("firedAt", f.firedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .add("manual", f.manual())
                    .add("state", f.state())
                    .add("server", f.server())
                    .add("attempts", f.attempts());
            JsonBodies.nullable(fire, "matched", f.matched());
            if (f.capped() == null) {
                fire.addNull("capped");
            } else {
                fire.add("capped", f.capped());
            }
            JsonBodies.nullable(fire, "submissionId", f.submissionId());
            JsonBodies.nullable(fire, "jobExecutionId", f.jobExecutionId());
            fire.add("skipped", f.skipped());
            JsonBodies.nullable(fire, "reason", f.reason());
            list.add(fire);
        }
        return Json.createObjectBuilder().add("requestId", caller.requestId()).add("fires", list).build();
    }

    /** What a rule (not saved) would select now: how many assets, their stored size, the first 20 MediaIds. */
    @POST
    @Path("rules:preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject preview(InputStream body, @Context ContainerRequestContext request) throws IOException {
        OperatorCaller caller = OperatorCaller.of(request);
        OperatorPermissions permissions = permissions(caller);
        String account = caller.principal().accountUid();
        permissions.require(OperatorAction.CREATE_RULE, permissions.anyRule(account));
        RuleDefinition definition = RuleBody.definition(read(body), caller);
        RuleMatches.Preview preview = valid(() -> rules.preview(account, definition, matches));
        Rules.RuleView described = rules.describe(definition);
        JsonArrayBuilder ids = Json.createArrayBuilder();
        preview.mediaIds().forEach(ids::add);
        JsonObjectBuilder json = Json.createObjectBuilder().add("requestId", caller.requestId())
                .add("matched", preview.matched())
                .add("wouldPurge", definition.maxItems() == null ? preview.matched() : Math.min(preview.matched(), definition.maxItems()))
                .add("totalBytes", preview.totalBytes())
                .add("mediaIds", ids)
                .add("description", described.description());
        JsonArrayBuilder next = Json.createArrayBuilder();
        described.nextFires().forEach(t -> next.add(t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        return json.add("nextFires", next).build();
    }

    private Rules.RuleView allowed(long id, OperatorCaller caller, OperatorAction action) {
        String account = caller.principal().accountUid();
        Rules.RuleView rule = rules.find(id, account).orElseThrow(() -> notFound(id));
        OperatorPermissions permissions = permissions(caller);
        permissions.require(action, permissions.rule(account, id));
        return rule;
    }

    private static void requireActingFor(OperatorPermissions permissions, RuleDefinition definition) {
        PrincipalRef.parse(definition.actsAs()).ifPresent(permissions::requireActingFor);
    }

    private static <T> T valid(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidRule e) {
            throw ApiError.invalidParameter(e.field(), e.getMessage());
        }
    }

    private static ApiError notFound(long id) {
        return ApiError.notFound("No purge rule " + id + ".");
    }

    private OperatorPermissions permissions(OperatorCaller caller) {
        return OperatorPermissions.of(caller.principal(), region.id());
    }

    private static JsonObject read(InputStream body) throws IOException {
        return JsonBodies.object(body, MAX_BODY, "larger than 64 KiB", "a rule");
    }
}
