package io.devhealth.identity.people.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.ObservedIdentity;
import io.devhealth.identity.people.Person;
import io.devhealth.identity.people.repository.ObservedIdentityRepository;
import io.devhealth.identity.people.repository.ObservedIdentityRepository.Candidate;
import io.devhealth.identity.people.repository.PersonRepository;
import io.devhealth.identity.people.repository.RejectedSuggestionRepository;
import io.devhealth.identity.people.service.Suggestion.Kind;
import io.devhealth.identity.people.service.Suggestion.Reason;
import io.smallrye.mutiny.Uni;

/**
 * Computes the organization's mapping suggestions from its unmapped observed identities (see
 * {@link ObservedIdentityRepository#listCandidates}), minus the rejected ones. Computed on every request, so they
 * never go stale: an identity mapped by hand drops out at once.
 *
 * <p>An identity that may belong to an existing person is proposed for it ({@link Kind#ADD_TO_PERSON}, one
 * suggestion per identity and person, with the strongest reason). The rest are grouped into new people
 * ({@link Kind#CREATE_PERSON}): identities with the email of a member user (linked to that user), unmapped
 * identities sharing an email, a git email of GitHub's noreply domain with the unmapped GitHub login it names
 * ({@code ID+login@users.noreply.github.com} or {@code login@users.noreply.github.com}), an unmapped GitHub login
 * equal to an unmapped GitLab username.
 */
@ApplicationScoped
class SuggestionFinder {

    private static final Comparator<Suggestion> ORDER = Comparator
            .comparingDouble((Suggestion suggestion) -> -suggestion.reason().confidence())
            .thenComparing(Suggestion::kind)
            .thenComparing(Suggestion::fingerprint);

    private final ObservedIdentityRepository observed;
    private final PersonRepository people;
    private final RejectedSuggestionRepository rejected;

    SuggestionFinder(ObservedIdentityRepository observed, PersonRepository people,
            RejectedSuggestionRepository rejected) {
        this.observed = observed;
        this.people = people;
        this.rejected = rejected;
    }

    /** The organization's open suggestions, most confident first. */
    Uni<List<Suggestion>> find(UUID organizationId) {
        return observed.listCandidates(organizationId).flatMap(candidates -> observed
                .listByIds(organizationId, distinct(candidates, Candidate::observedId))
                .flatMap(identities -> people.listByIds(organizationId, distinct(candidates, Candidate::personId))
                        .flatMap(persons -> rejected.fingerprints(organizationId)
                                .map(refused -> new Build(organizationId, byId(identities, i -> i.id),
                                        byId(persons, p -> p.id))
                                        .suggestions(candidates).stream()
                                        .filter(suggestion -> !refused.contains(suggestion.fingerprint()))
                                        .sorted(ORDER)
                                        .toList()))));
    }

    /** One computation: the loaded rows, and the suggestions built from the candidates. */
    private record Build(UUID organizationId, Map<UUID, ObservedIdentity> identities, Map<UUID, Person> people) {

        List<Suggestion> suggestions(List<Candidate> candidates) {
            Map<String, Candidate> strongest = new LinkedHashMap<>();
            Map<UUID, List<UUID>> byUser = new LinkedHashMap<>();
            Map<UUID, Candidate> users = new HashMap<>();
            Map<String, List<UUID>> byEmail = new LinkedHashMap<>();
            Map<String, List<UUID>> byNoreply = new LinkedHashMap<>();
            Map<String, List<UUID>> byLogin = new LinkedHashMap<>();
            for (Candidate candidate : candidates) {
                Reason reason = reason(candidate);
                if (candidate.personId() != null) {
                    strongest.merge(candidate.personId() + "|" + candidate.observedId(), candidate,
                            (a, b) -> reason(a).confidence() >= reason(b).confidence() ? a : b);
                } else if (reason == Reason.USER_EMAIL) {
                    byUser.computeIfAbsent(candidate.userId(), k -> new ArrayList<>()).add(candidate.observedId());
                    users.put(candidate.userId(), candidate);
                } else if (reason == Reason.GITHUB_NOREPLY) {
                    byNoreply.computeIfAbsent(candidate.groupKey(), k -> new ArrayList<>()).add(candidate.observedId());
                } else if (reason == Reason.SHARED_EMAIL) {
                    byEmail.computeIfAbsent(candidate.groupKey(), k -> new ArrayList<>()).add(candidate.observedId());
                } else {
                    byLogin.computeIfAbsent(candidate.groupKey(), k -> new ArrayList<>()).add(candidate.observedId());
                }
            }
            List<Suggestion> suggestions = new ArrayList<>();
            Set<UUID> covered = new HashSet<>();
            // A person deleted between the candidates' query and its loading (reads are not locked) is left out.
            strongest.values().stream().filter(candidate -> people.containsKey(candidate.personId())).forEach(candidate -> {
                suggestions.add(addToPerson(candidate));
                covered.add(candidate.observedId());
            });
            byUser.forEach((userId, group) -> create("create:user:" + userId, Reason.USER_EMAIL, group, covered,
                    users.get(userId), suggestions));
            byNoreply.forEach((login, group) -> create("create:noreply:" + login, Reason.GITHUB_NOREPLY, group,
                    covered, null, suggestions));
            byEmail.forEach((email, group) -> create("create:email:" + email, Reason.SHARED_EMAIL, group, covered,
                    null, suggestions));
            byLogin.forEach((login, group) -> create("create:login:" + login, Reason.SHARED_LOGIN, group, covered,
                    null, suggestions));
            return suggestions;
        }

        private Suggestion addToPerson(Candidate candidate) {
            ObservedIdentity identity = identities.get(candidate.observedId());
            String fingerprint = "extend:" + candidate.personId() + ":" + identity.provider.apiName() + ":"
                    + identity.externalId.toLowerCase(Locale.ROOT);
            return new Suggestion(Suggestion.idOf(organizationId, fingerprint), fingerprint, Kind.ADD_TO_PERSON,
                    reason(candidate), people.get(candidate.personId()), null, null, null, List.of(identity));
        }

        /** A new person of the identities of {@code group} no earlier suggestion covers, when enough remain. */
        private void create(String fingerprint, Reason reason, List<UUID> group, Set<UUID> covered, Candidate user,
                List<Suggestion> suggestions) {
            List<ObservedIdentity> members = group.stream().distinct().filter(id -> !covered.contains(id))
                    .map(identities::get).sorted(Comparator.comparing((ObservedIdentity i) -> i.provider)
                            .thenComparing(i -> i.externalId))
                    .toList();
            boolean enough = user != null ? !members.isEmpty()
                    : reason == Reason.SHARED_LOGIN || reason == Reason.GITHUB_NOREPLY
                            ? members.stream().map(i -> i.provider).distinct().count() > 1
                            : members.size() > 1;
            if (!enough) {
                return;
            }
            members.forEach(member -> covered.add(member.id));
            String email = user != null ? user.userEmail()
                    : reason == Reason.SHARED_EMAIL ? members.getFirst().email : null;
            if (email != null && PeopleRules.emailProblem(email).isPresent()) {
                // A git "email" need not be an address (e.g. root@localhost is, "root" is not).
                email = null;
            }
            suggestions.add(new Suggestion(Suggestion.idOf(organizationId, fingerprint), fingerprint,
                    Kind.CREATE_PERSON, reason, null, displayName(user, members), email,
                    user == null ? null : user.userId(), members));
        }

        private static String displayName(Candidate user, List<ObservedIdentity> members) {
            String name = user != null && user.userDisplayName() != null && !user.userDisplayName().isBlank()
                    ? user.userDisplayName()
                    : members.stream().map(member -> member.name).filter(n -> n != null && !n.isBlank()).findFirst()
                            .orElse(members.getFirst().externalId);
            return name.length() <= PeopleRules.NAME_MAX ? name : name.substring(0, PeopleRules.NAME_MAX);
        }

        private static Reason reason(Candidate candidate) {
            return Reason.valueOf(candidate.reason().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private static Set<UUID> distinct(List<Candidate> candidates, Function<Candidate, UUID> id) {
        return candidates.stream().map(id).filter(value -> value != null).collect(Collectors.toSet());
    }

    private static <T> Map<UUID, T> byId(List<T> rows, Function<T, UUID> id) {
        Map<UUID, T> index = new HashMap<>();
        rows.forEach(row -> index.put(id.apply(row), row));
        return index;
    }
}
