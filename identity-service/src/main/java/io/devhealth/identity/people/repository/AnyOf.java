package io.devhealth.identity.people.repository;

import java.util.Collection;
import java.util.UUID;

/**
 * A value list as one PostgreSQL array parameter, for {@code column = ANY(?n)} in native queries. HQL's
 * {@code in :list} binds one parameter per value: slow to plan for the tens of thousands of keys an import looks
 * up, and PostgreSQL takes at most 65,535 parameters per statement.
 */
public final class AnyOf {

    private AnyOf() {
    }

    public static String[] texts(Collection<String> values) {
        return values.toArray(String[]::new);
    }

    public static UUID[] uuids(Collection<UUID> values) {
        return values.toArray(UUID[]::new);
    }
}
