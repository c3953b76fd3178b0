package io.maximbatch.maxim;

import tools.jackson.databind.JsonNode;

/** How many items a MaxIM request carries: the length of its list (users, friends, members, targets), else one. */
public final class ApiItems {

    private static final String[] LISTS = {"list", "user_list", "targets"};

    private ApiItems() {
    }

    public static int of(JsonNode request) {
        for (String list : LISTS) {
            if (request.path(list).isArray()) {
                return request.path(list).size();
            }
        }
        JsonNode audience = request.path("audience");
        if (audience.isObject() && audience.size() == 1 && audience.iterator().next().isArray()) {
            return audience.iterator().next().size();
        }
        return 1;
    }
}
