package io.maximbatch.legacy;

import io.maximbatch.legacy.ErlangTerm.Atom;
import io.maximbatch.legacy.ErlangTerm.Bin;
import io.maximbatch.legacy.ErlangTerm.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * What a migration takes from an ejabberd room's `muc_room.opts`: its title, its description, and its affiliations
 * (`{{User, Server, Resource}, {Affiliation, Reason}}`, or a bare affiliation as older versions write it).
 */
public record EjabberdRoomOpts(String title, String description, List<Affiliation> affiliations) {

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
                default -> { }
            }
        }
        return new EjabberdRoomOpts(title, description, List.copyOf(affiliations));
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

    /** A binary's UTF-8 text (a string literal's text); null for anything else. */
    private static String text(Object value) {
        if (value instanceof Bin bin) {
            return bin.text();
        }
        return value instanceof ErlangTerm.Str str ? str.text() : null;
    }
}
