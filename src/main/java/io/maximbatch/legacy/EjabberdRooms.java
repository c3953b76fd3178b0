package io.maximbatch.legacy;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.SourceVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ejabberd's rooms (`muc_room` rows: legacy_group_id, name, opts) as create-groups reads groups and members: the
 * group's name is the title in its options (else the room's name), its owner the smallest local owner's bare JID in
 * code-point order; other local owners and admins become admins, members stay members, outcasts and other servers'
 * JIDs are left out; local outcasts are rows to block (role blocked), never members; a member's nick registered on the
 * room's MUC host (an optional `registered_nicks` column: a JSON object, bare JID -> nick, of muc_registered) is its
 * display name there. A room without a local owner is rejected (NO_LOCAL_OWNER) and lists no members. Its non-empty
 * subject is the group's announcement; members_only or password_protected make admins approve requests,
 * allow_user_invites lets members invite, allow_change_subj lets members modify the group, logging shows the history.
 */
public final class EjabberdRooms {

    /** The columns a room query must give. */
    public static final List<String> ROOM_COLUMNS = List.of("legacy_group_id", "name", "opts");
    public static final String NO_LOCAL_OWNER = "NO_LOCAL_OWNER";
    public static final String UNREADABLE_OPTS = "UNREADABLE_OPTS";

    private static final SourceRecord.Columns GROUP = columns("legacy_group_id", "name", "description", "owner_legacy_id",
            SourceVerdict.REJECT_CODE, SourceVerdict.REJECT_REASON, "announcement", "require_admin_approval", "allow_member_invitation",
            "allow_member_modify", "history_visible");
    private static final SourceRecord.Columns MEMBER = columns("legacy_group_id", "member_legacy_id", "role", "display_name");
    /** The optional column of a room row with the nicks registered on its MUC host. */
    public static final String REGISTERED_NICKS = "registered_nicks";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String xmppDomain;

    public EjabberdRooms(String xmppDomain) {
        this.xmppDomain = xmppDomain;
    }

    /** One room row as a group row. */
    public SourceRecord group(SourceRecord room) {
        String id = room.get("legacy_group_id");
        if (room.problem() != null) {
            return new SourceRecord(room.line(), GROUP, new String[] {id, null, null, null, null, null, null, null, null, null, null},
                    room.problem());
        }
        Room read = read(room);
        if (read.problem != null) {
            return new SourceRecord(room.line(), GROUP, new String[] {id, room.get("name"), null, null, UNREADABLE_OPTS,
                    "the room's options (opts) cannot be read: " + read.problem, null, null, null, null, null}, null);
        }
        String title = read.opts.title() == null || read.opts.title().isBlank() ? room.get("name") : read.opts.title();
        Optional<String> owner = read.owners().stream().findFirst();
        EjabberdRoomOpts opts = read.opts;
        String subject = opts.subject() == null || opts.subject().isEmpty() ? null : opts.subject();
        return new SourceRecord(room.line(), GROUP, new String[] {id, title, opts.description(), owner.orElse(null),
                owner.isPresent() ? null : NO_LOCAL_OWNER,
                owner.isPresent() ? null : "room " + id + " has no owner on " + xmppDomain + " (a MaxIM group needs one)", subject,
                String.valueOf(opts.flag("members_only") || opts.flag("password_protected")), String.valueOf(opts.flag("allow_user_invites")),
                String.valueOf(opts.flag("allow_change_subj")), String.valueOf(opts.flag("logging"))}, null);
    }

    /** One room row as its member rows (none when it has no local owner or its options cannot be read). */
    public List<SourceRecord> members(SourceRecord room) {
        if (room.problem() != null) {
            return List.of();
        }
        Room read = read(room);
        List<String> owners = read.owners();
        if (read.problem != null || owners.isEmpty()) {
            return List.of();
        }
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(owners.get(0), "member");
        owners.stream().skip(1).forEach(owner -> roles.put(owner, "admin"));
        read.local("admin").forEach(admin -> roles.putIfAbsent(admin, "admin"));
        List<String> outcasts = read.local("outcast");
        read.local("member").stream().filter(member -> !outcasts.contains(member)).forEach(member -> roles.putIfAbsent(member, "member"));
        outcasts.forEach(outcast -> roles.putIfAbsent(outcast, "blocked"));
        Map<String, String> nicks = registeredNicks(room.get(REGISTERED_NICKS));
        List<SourceRecord> members = new ArrayList<>();
        String id = room.get("legacy_group_id");
        roles.forEach((user, role) -> members.add(new SourceRecord(room.line() + " member " + (members.size() + 1), MEMBER,
                new String[] {id, user, role, role.equals("blocked") ? null : nicks.get((user + "@" + xmppDomain).toLowerCase(Locale.ROOT))},
                null)));
        return members;
    }

    /** The registered nicks by lower-case bare JID; none when absent or not a JSON object (an empty nick is none). */
    private static Map<String, String> registeredNicks(String json) {
        Map<String, String> nicks = new HashMap<>();
        if (json == null) {
            return nicks;
        }
        JsonNode read;
        try {
            read = JSON.readTree(json);
        } catch (JacksonException notJson) {
            return nicks;
        }
        read.properties().forEach(e -> {
            if (e.getValue().isString() && !e.getValue().asString().isBlank()) {
                nicks.put(e.getKey().split("/")[0].toLowerCase(Locale.ROOT), e.getValue().asString().strip());
            }
        });
        return nicks;
    }

    /** The room's options, or why they cannot be read (the reader throws nothing but ErlangTermException). */
    private Room read(SourceRecord room) {
        String opts = room.get("opts");
        if (opts == null) {
            return new Room(new EjabberdRoomOpts(null, null, List.of()), null);
        }
        try {
            return new Room(EjabberdRoomOpts.parse(opts), null);
        } catch (ErlangTermException e) {
            return new Room(null, e.getMessage());
        }
    }

    private final class Room {
        final EjabberdRoomOpts opts;
        final String problem;

        Room(EjabberdRoomOpts opts, String problem) {
            this.opts = opts;
            this.problem = problem;
        }

        /** Local owners' usernames, smallest bare JID first (code-point order, as Openfire's job orders them). */
        List<String> owners() {
            return opts == null ? List.of() : local("owner");
        }

        /** The usernames of this server's JIDs with that affiliation, in bare-JID order, each once. */
        List<String> local(String affiliation) {
            return opts.affiliations().stream()
                    .filter(a -> a.affiliation().equals(affiliation) && a.server().toLowerCase(Locale.ROOT).equals(xmppDomain.toLowerCase(Locale.ROOT)))
                    .sorted(Comparator.comparing(a -> a.user() + "@" + a.server().toLowerCase(Locale.ROOT), EjabberdRooms::codePointOrder))
                    .map(EjabberdRoomOpts.Affiliation::user).distinct().toList();
        }
    }

    /** Code-point order (String.compareTo compares UTF-16 units, which differs above U+FFFF). */
    static int codePointOrder(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static SourceRecord.Columns columns(String... names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
        return new SourceRecord.Columns(List.of(names), Map.copyOf(index));
    }
}
