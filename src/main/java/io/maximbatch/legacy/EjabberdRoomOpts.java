package io.maximbatch.legacy;

import io.maximbatch.legacy.ErlangTerm.Atom;
import io.maximbatch.legacy.ErlangTerm.Bin;
import io.maximbatch.legacy.ErlangTerm.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a migration takes from an ejabberd room's `muc_room.opts`: its title, its description, its affiliations
 * (`{{User, Server, Resource}, {Affiliation, Reason}}`, or a bare affiliation as older versions write it), its subject
 * (a binary, or as ejabberd 16.09 and later keep it a list of `{text, Lang, Data}`) and its boolean options as written.
 */
public record EjabberdRoomOpts(String title, String description, List<Affiliation> affiliations, String subject,
                               Map<String, Boolean> flags) {

    /**
     * The boolean options a migration reads, with ejabberd's defaults for a room whose opts leave them out: the
     * #config{} record of include/mod_muc_room.hrl (processone/ejabberd at 61bf7a9, whose expand_opts/1 fills an absent
     * option from it): allow_change_subj = true, members_only = false, allow_user_invites = false,
     * password_protected = false, logging = false.
     */
    public static final Map<String, Boolean> DEFAULTS = Map.of("allow_change_subj", true, "members_only", false,
            "allow_user_invites", false, "password_protected", false, "logging", false);

    public EjabberdRoomOpts(String title, String description, List<Affiliation> affiliations) {
        this(title, description, affiliations, null, Map.of());
    }

    /** A boolean option: as written, else ejabberd's default. */
    public boolean flag(String option) {
        return flags.getOrDefault(option, DEFAULTS.get(option));
    }

    /** One affiliated bare JID: user@server, with owner, admin, member or outcast. */
    public record Affiliation(String user, String server, String affiliation) {
    }

    /** The options of one room; an option that is absent is null (affiliations: empty). Throws only ErlangTermException. */
    public static EjabberdRoomOpts parse(String opts) {
        if (!(ErlangTerm.parse(opts) instanceof List<?> options)) {
            throw new ErlangTermException("room options are a list of {Key, Value}");
        }
        String title = null;
        String description = null;
        List<Affiliation> affiliations = new ArrayList<>();
        String subject = null;
        Map<String, Boolean> flags = new HashMap<>();
        for (Object option : options) {
            if (!(option instanceof Tuple pair) || pair.size() != 2 || !(pair.get(0) instanceof Atom key)) {
                continue;
            }
            switch (key.name()) {
                case "title" -> title = text(pair.get(1));
                case "description" -> description = text(pair.get(1));
                case "affiliations" -> {
                    if (pair.get(1) instanceof List<?> list) {
                        list.forEach(entry -> affiliation(entry, affiliations));
                    }
                }
                case "subject" -> subject = subject(pair.get(1));
                default -> {
                    if (DEFAULTS.containsKey(key.name()) && pair.get(1) instanceof Atom flag
                            && (flag.name().equals("true") || flag.name().equals("false"))) {
                        flags.put(key.name(), flag.name().equals("true"));
                    }
                }
            }
        }
        return new EjabberdRoomOpts(title, description, List.copyOf(affiliations), subject, Map.copyOf(flags));
    }

    private static void affiliation(Object entry, List<Affiliation> into) {
        if (!(entry instanceof Tuple pair) || pair.size() != 2 || !(pair.get(0) instanceof Tuple jid) || jid.size() < 2) {
            return;
        }
        Object value = pair.get(1) instanceof Tuple withReason && withReason.size() >= 1 ? withReason.get(0) : pair.get(1);
        if (value instanceof Atom affiliation && text(jid.get(0)) != null && text(jid.get(1)) != null) {
            into.add(new Affiliation(text(jid.get(0)), text(jid.get(1)), affiliation.name()));
        }
    }

    /** A subject's text: a binary, or the first non-empty `{text, Lang, Data}` of a list; null when none is. */
    private static String subject(Object value) {
        if (value instanceof List<?> texts) {
            for (Object text : texts) {
                if (text instanceof Tuple t && t.size() == 3 && t.get(0) instanceof Atom name && name.name().equals("text")
                        && text(t.get(2)) != null && !text(t.get(2)).isEmpty()) {
                    return text(t.get(2));
                }
            }
            return null;
        }
        return text(value);
    }

    /** A binary's UTF-8 text (a string literal's text); null for anything else. */
    static String text(Object value) {
        if (value instanceof Bin bin) {
            return bin.text();
        }
        return value instanceof ErlangTerm.Str str ? str.text() : null;
    }
}
