package io.devhealth.identity.people.rest;

/** The change-feed contract, as the OpenAPI descriptions of both feeds state it. */
public final class ChangeFeedContract {

    public static final String DESCRIPTION = """
            Service tokens only. Every transaction that changes the organization's people, identities or teams \
            takes the organization's next version (a per-organization counter, assigned in that transaction; \
            such transactions serialize per organization, so versions commit in order) and stamps it on every \
            row it changes; deleted rows are reported with the version that deleted them.

            Polling: keep the last version you have applied (start with 0). Call with sinceVersion=<that>; the \
            answer holds the rows changed and deleted after it in (version, id) order, at most limit of them. \
            Apply them; while hasMore is true, call again with the query parameters in next (sinceVersion and \
            afterId). When hasMore is false, store version as your new sinceVersion. sinceVersion=0 yields the \
            full current state (plus deletions, which you may ignore).

            Guarantees: nothing committed at or below the returned version is ever missed; a row may be \
            delivered again on a later poll (apply changes idempotently, replacing whole rows); rows are whole \
            (a person with all its identities, a team with all its members), never partial. If version is lower \
            than the sinceVersion you sent, the feed was reset (e.g. a database restore): start again from 0.""";

    private ChangeFeedContract() {
    }
}
