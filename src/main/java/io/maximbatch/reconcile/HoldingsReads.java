package io.maximbatch.reconcile;

import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.MaximClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** What reconcile reads what MaxIM holds with: the client, the calls in flight, and our maps from legacy ids to MaxIM ids. */
@Component
record HoldingsReads(ObjectProvider<MaximClient> client, ObjectProvider<ConcurrentCalls> calls, UserMap userMap, GroupMap groupMap) {
}
