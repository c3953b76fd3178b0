package io.maximbatch.sandbox;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.maximbatch.maxim.PushTaskDetails;

/**
 * The sandbox's delivery figures of a push task, derived from the users it reached, so that tests and rehearsals see
 * delivery: a user's channel is {@code CHANNELS[user_id mod 8]}; with {@code k = (user_id div 8) mod 10}, k = 9 has no
 * device (not a valid target), k = 8 is a valid target MaxIM could not send to (unreachable), k = 7 was sent and never
 * received, any other k was sent and received. The same users always give the same figures.
 */
public final class SandboxDelivery {

    /** The Swagger TaskDetail's channel prefixes, in the formula's order. */
    public static final List<String> CHANNELS = PushTaskDetails.CHANNELS;

    private SandboxDelivery() {
    }

    /** One channel's figures: valid targets, sent, received. */
    public record Figures(long target, long sent, long received) {
        Figures plus(Figures other) {
            return new Figures(target + other.target, sent + other.sent, received + other.received);
        }
    }

    /** The figures of the users a task reached, per channel (every channel present). */
    static Map<String, Figures> ofUsers(Set<Long> reached) {
        Map<String, Figures> figures = new LinkedHashMap<>();
        CHANNELS.forEach(channel -> figures.put(channel, new Figures(0, 0, 0)));
        for (long user : reached) {
            long k = Math.floorMod(Math.floorDiv(user, 8), 10);
            if (k == 9) {
                continue;
            }
            figures.merge(CHANNELS.get((int) Math.floorMod(user, 8)), new Figures(1, k == 8 ? 0 : 1, k >= 7 ? 0 : 1), Figures::plus);
        }
        return figures;
    }

    /** The figures /push/task/detail answers for these tasks, added up per channel (a task the sandbox never ran counts nothing). */
    public static Map<String, Figures> of(SandboxState state, Collection<Long> taskIds) {
        Map<String, Figures> total = ofUsers(Set.of());
        state.pushes().stream().filter(push -> taskIds.contains(push.taskId()))
                .forEach(push -> ofUsers(push.reached()).forEach((channel, f) -> total.merge(channel, f, Figures::plus)));
        return total;
    }
}
