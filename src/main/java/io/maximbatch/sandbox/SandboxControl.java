package io.maximbatch.sandbox;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The two non-MaxIM endpoints: {@code GET /sandbox/state} and {@code PUT /sandbox/faults}; no auth, no faults. */
final class SandboxControl {

    record Reply(int status, ObjectNode body) {
    }

    private final SandboxStore store;
    private final SandboxFaults faults;
    private final JsonMapper json;

    SandboxControl(SandboxStore store, SandboxFaults faults, JsonMapper json) {
        this.store = store;
        this.faults = faults;
        this.json = json;
    }

    Reply handle(String method, String path, byte[] body) {
        if (path.equals("/sandbox/state")) {
            return method.equals("GET") ? new Reply(200, state()) : problem(405, "use GET");
        }
        if (path.equals("/sandbox/counters")) {
            return method.equals("GET") ? new Reply(200, counters()) : problem(405, "use GET");
        }
        if (path.equals("/sandbox/faults")) {
            return switch (method) {
                case "GET" -> new Reply(200, settingsJson(faults.settings()));
                case "PUT" -> putFaults(body);
                default -> problem(405, "use GET or PUT");
            };
        }
        return problem(404, "no such sandbox endpoint");
    }

    /** Fields left out keep their current value; {@code "forced_code": null} clears the forced code. */
    private Reply putFaults(byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            return problem(400, "malformed JSON body");
        }
        if (node == null || !node.isObject()) {
            return problem(400, "body must be a JSON object");
        }
        SandboxFaults.Settings current = faults.settings();
        try {
            JsonNode forced = node.get("forced_code");
            Integer forcedCode = forced == null ? current.forcedCode() : forced.isNull() ? null : forced.asInt();
            SandboxFaults.Settings next = new SandboxFaults.Settings(
                    node.path("latency_ms").asLong(current.latencyMs()),
                    node.path("rate_limit").asInt(current.rateLimit()),
                    node.path("p503").asDouble(current.p503()),
                    node.path("p20000").asDouble(current.p20000()),
                    node.path("pdrop").asDouble(current.pdrop()),
                    forcedCode,
                    node.path("seed").asLong(current.seed()),
                    node.path("p20006").asDouble(current.p20006()),
                    node.path("preset").asDouble(current.preset()),
                    node.path("pslow").asDouble(current.pslow()),
                    node.path("slow_ms").asLong(current.slowMs()));
            faults.set(next);
            return new Reply(200, settingsJson(next));
        } catch (IllegalArgumentException | JacksonException e) {
            return problem(400, e.getMessage());
        }
    }

    private ObjectNode settingsJson(SandboxFaults.Settings s) {
        ObjectNode node = json.createObjectNode();
        node.put("latency_ms", s.latencyMs());
        node.put("rate_limit", s.rateLimit());
        node.put("p503", s.p503());
        node.put("p20000", s.p20000());
        node.put("pdrop", s.pdrop());
        node.put("forced_code", s.forcedCode());
        node.put("seed", s.seed());
        node.put("p20006", s.p20006());
        node.put("preset", s.preset());
        node.put("pslow", s.pslow());
        node.put("slow_ms", s.slowMs());
        return node;
    }

    private ObjectNode state() {
        ObjectNode root = json.createObjectNode();
        ObjectNode users = root.putObject("users");
        store.usersByName().forEach(users::put);
        ObjectNode friends = root.putObject("friends");
        store.allFriends().forEach((id, list) -> {
            ArrayNode ids = friends.putArray(Long.toString(id));
            list.stream().sorted().forEach(ids::add);
        });
        ArrayNode groups = root.putArray("groups");
        for (SandboxState.GroupView g : store.groups()) {
            ObjectNode group = groups.addObject();
            group.put("group_id", g.groupId());
            group.put("owner_id", g.ownerId());
            group.put("name", g.name());
            group.put("description", g.description());
            group.put("avatar", g.avatar());
            group.put("created_at", g.createdAt());
            ArrayNode members = group.putArray("members");
            g.members().forEach(members::add);
            ArrayNode admins = group.putArray("admins");
            g.admins().forEach(admins::add);
            ObjectNode settings = group.putObject("settings");
            g.settings().forEach(settings::put);
            group.put("destroyed", g.destroyed());
            ArrayNode pending = group.putArray("pending");
            g.pending().forEach(pending::add);
        }
        ObjectNode remarks = root.putObject("remarks");
        store.remarks().forEach((id, byFriend) -> {
            ObjectNode given = remarks.putObject(Long.toString(id));
            byFriend.forEach((friend, remark) -> given.put(Long.toString(friend), remark));
        });
        ObjectNode blocks = root.putObject("blocks");
        store.blocks().forEach((id, blocked) -> {
            ArrayNode list = blocks.putArray(Long.toString(id));
            blocked.forEach(list::add);
        });
        ObjectNode accounts = root.putObject("accounts");
        store.accounts().forEach((id, a) -> {
            ObjectNode account = accounts.putObject(Long.toString(id));
            account.put("nick_name", a.nickName());
            account.put("description", a.description());
            account.put("public_info", a.publicInfo());
            account.put("private_info", a.privateInfo());
            account.put("avatar", a.avatar());
            ArrayNode tags = account.putArray("tags");
            a.tags().forEach(tags::add);
            account.put("alias", a.alias());
            account.put("disabled", a.disabled());
        });
        ObjectNode executed = root.putObject("executed_updates");
        store.executedUpdates().forEach(executed::put);
        ArrayNode pushes = root.putArray("pushes");
        for (SandboxState.PushView p : store.pushes()) {
            ObjectNode push = pushes.addObject();
            push.put("request_id", p.requestId());
            push.put("task_id", p.taskId());
            push.set("audience", p.audience());
            push.set("message", p.message());
            ArrayNode reached = push.putArray("reached");
            p.reached().stream().sorted().forEach(reached::add);
        }
        ArrayNode messages = root.putArray("messages");
        for (SandboxState.MessageView m : store.messages()) {
            ObjectNode message = messages.addObject();
            message.put("transaction_id", m.transactionId());
            message.put("type", m.type());
            ArrayNode targets = message.putArray("targets");
            m.targets().forEach(targets::add);
            message.put("content", m.content());
        }
        ObjectNode counters = root.putObject("counters");
        counters.put("registration_calls_succeeded", store.registrationCallsSucceeded());
        counters.put("requests_served", store.requestsServed());
        counters.put("answered_429", store.answered429());
        return root;
    }

    /**
     * The counters without the data (cheap with a million users): requests served per second, and the busiest
     * 1- and 5-second windows, to check a client's rate from the server's side.
     */
    private ObjectNode counters() {
        ObjectNode root = json.createObjectNode();
        root.put("users", store.userCount());
        root.put("registration_calls_succeeded", store.registrationCallsSucceeded());
        root.put("requests_served", store.requestsServed());
        root.put("answered_429", store.answered429());
        Map<Long, Long> perSecond = store.servedPerSecond();
        ObjectNode seconds = root.putObject("served_per_second");
        perSecond.forEach((second, count) -> seconds.put(Long.toString(second), count));
        long busiest = 0;
        long busiestFive = 0;
        for (long second : perSecond.keySet()) {
            busiest = Math.max(busiest, perSecond.get(second));
            long five = 0;
            for (long s = second; s < second + 5; s++) {
                five += perSecond.getOrDefault(s, 0L);
            }
            busiestFive = Math.max(busiestFive, five);
        }
        root.put("busiest_second", busiest);
        root.put("busiest_5_seconds", busiestFive);
        ObjectNode calls = root.putObject("served_by_call");
        store.servedByCall().forEach(calls::put);
        return root;
    }

    private Reply problem(int status, String message) {
        ObjectNode node = json.createObjectNode();
        node.put("error", message);
        return new Reply(status, node);
    }
}
