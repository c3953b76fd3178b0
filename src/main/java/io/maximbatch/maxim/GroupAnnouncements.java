package io.maximbatch.maxim;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A group's announcement, sent as its owner. Each POST /group/announcement/edit publishes one (MaxIM lists them by id),
 * so an edit whose answer was lost is sent again only when the group's latest announcement is not that one.
 */
public final class GroupAnnouncements {

    private GroupAnnouncements() {
    }

    /** POST /group/announcement/edit {group_id, title, content} as the owner, read back after a failure that may have carried it out. */
    public static void edit(MaximClient client, long ownerId, long groupId, String title, String content, CallTrace trace) {
        client.exchanges().confirmedUnlessCarriedOut("POST", "/group/announcement/edit", ownerId,
                Map.of("group_id", groupId, "title", title, "content", content), trace, () -> isLatest(client, ownerId, groupId, title, content));
    }

    /** Whether the group's latest announcement (GET /group/announcement/last as the owner) has this title and text (see same). */
    public static boolean isLatest(MaximClient client, long ownerId, long groupId, String title, String content) {
        JsonNode last;
        try {
            last = client.exchanges().call("GET", "/group/announcement/last?group_id=" + groupId, ownerId, null, new CallTrace());
        } catch (MaximException e) {
            if (e.errorClass() == ErrorClass.REJECTED) {
                // The Swagger does not say how a group without one is answered: a refusal is not this one either.
                return false;
            }
            throw e;
        }
        return last.path("title").isString() && same(title, last.path("title").asString())
                && last.path("content").isString() && same(content, last.path("content").asString());
    }

    /** Equal but for leading and trailing white space and line ends: a server may store the text trimmed. */
    static boolean same(String sent, String held) {
        return normal(sent).equals(normal(held));
    }

    private static String normal(String text) {
        return text.replace("\r\n", "\n").strip();
    }
}
