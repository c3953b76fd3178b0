package io.maximbatch.maxim;

import io.maximbatch.maxim.MaximModel.UserInfo;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** MaxIM's lists read to their end where a run or reconcile needs to find some entries in them. */
final class PagedLists {

    /** /user/list's largest page (the MaxIM API documentation). */
    static final int USERS_PAGE = 200;

    private PagedLists() {
    }

    /** The users among these ids as GET /user/list lists them, page by page until all are found or the list ends. */
    static Map<Long, UserInfo> users(MaximClient client, Collection<Long> wanted) {
        Set<Long> ids = new HashSet<>(wanted);
        Map<Long, UserInfo> found = new HashMap<>();
        for (int pageNum = 1; found.size() < ids.size(); pageNum++) {
            List<UserInfo> page = client.users(pageNum, USERS_PAGE);
            page.stream().filter(user -> user.userId() != null && ids.contains(user.userId())).forEach(user -> found.put(user.userId(), user));
            if (page.size() < USERS_PAGE) {
                break;
            }
        }
        return found;
    }
}
