package io.maximbatch.reconcile;

import io.maximbatch.maxim.CursorPages;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.maxim.MaximModel.IdPage;
import io.maximbatch.maxim.MaximModel.RosterItem;
import io.maximbatch.maxim.PagedLists;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MaxIM's lists as reconcile reads them, each to its last page: a user's friends (/roster/list, or the quick-start's
 * /user/rosters on a server that does not know it), a group's members, the app's users. A cursor that repeats or a
 * list that ends short of its total is an error, never a silently short list. GET /roster/list's ids are "incremental
 * data": deleted friends and blacklisted users may be among them, so only those whose details say relation 0 are friends.
 */
final class PagedReads {

    private static final int FRIENDS_PAGE = 500;

    private final MaximClient client;
    /** Each friend as the details read so far showed it (its own nickname, description, avatar). */
    private final Map<Long, RosterItem> shown = new ConcurrentHashMap<>();
    /** Set once the server answers /roster/list with HTTP 404: every later user is read from /user/rosters. */
    private volatile boolean noRosterList;

    PagedReads(MaximClient client) {
        this.client = client;
    }

    /**
     * Every friend of the user with the remark the user gave it (null: none, or a server without /roster/list, whose
     * /user/rosters carries no remarks: then remarks() is false).
     */
    Map<Long, String> roster(long userId) {
        if (!noRosterList) {
            try {
                return friendPages(userId);
            } catch (MaximException e) {
                if (e.httpStatus() != 404) {
                    throw e;
                }
                noRosterList = true;
            }
        }
        Map<Long, String> friends = new HashMap<>();
        client.rosters(userId).forEach(info -> friends.put(info.userId(), null));
        return friends;
    }

    /** The users the details read so far showed, as they showed them. */
    Map<Long, RosterItem> shown() {
        return shown;
    }

    /** Whether roster() read the remarks too (POST /roster/list details). */
    boolean remarks() {
        return !noRosterList;
    }

    private Map<Long, String> friendPages(long userId) {
        Set<Long> listed = new LinkedHashSet<>();
        CursorPages pages = new CursorPages("the friend list of user " + userId);
        String cursor = null;
        do {
            IdPage page = client.friendIds(userId, cursor, FRIENDS_PAGE);
            listed.addAll(page.ids());
            cursor = pages.next(page.cursor(), page.ids().isEmpty());
        } while (cursor != null);
        Map<Long, String> friends = new HashMap<>();
        client.friendDetails(userId, List.copyOf(listed)).stream().filter(item -> item.friend() && item.userId() != null).forEach(item -> {
            friends.put(item.userId(), item.alias());
            shown.put(item.userId(), item);
        });
        return friends;
    }

    /** Every member of a group with its display name there (null: none), as its owner sees them (PagedLists.displayNames). */
    Map<Long, String> members(long owner, long groupId) {
        return PagedLists.displayNames(client, owner, groupId);
    }

    /** Which of these user ids the app has, reading /user/list page by page until all are found or the list ends. */
    Set<Long> presentUsers(Set<Long> wanted) {
        return PagedLists.users(client, wanted).keySet();
    }
}
