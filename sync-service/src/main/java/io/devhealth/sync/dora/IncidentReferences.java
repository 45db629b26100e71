package io.devhealth.sync.dora;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployments, commits and pull/merge requests an incident's own text names (title, description): the explicit
 * references {@link IncidentLinker} tries before it falls back to time. Conservative on purpose: a commit is a
 * 7–40 character hex word with at least one digit and one letter; a deployment or a request needs its word
 * ({@code deployment 1842}, {@code PR #12}, {@code MR !7}, {@code pull request 12}) or its URL
 * ({@code …/pull/12}, {@code …/-/merge_requests/7}, {@code …/deployments/1842}).
 *
 * @param deploymentIds provider deployment ids
 * @param commits       lower-case commit SHAs or abbreviations
 * @param pullRequests  request numbers
 */
record IncidentReferences(Set<String> deploymentIds, Set<String> commits, Set<Long> pullRequests) {

    private static final Pattern DEPLOYMENT = Pattern.compile(
            "(?i)(?:\\bdeploy(?:ment)?(?:[ _-]?id)?\\s*[:#]?\\s*|/deployments/)(\\d{1,19})\\b");
    private static final Pattern COMMIT = Pattern.compile("(?i)\\b[0-9a-f]{7,40}\\b");
    private static final Pattern REQUEST = Pattern.compile("(?i)(?:\\b(?:PR|MR|pull request|merge request)\\s*[#!]?\\s*"
            + "|/pull/|/-/merge_requests/|(?<![\\w/])!)(\\d{1,9})\\b");
    private static final int MAX_TEXT = 16 * 1024;

    static final IncidentReferences NONE = new IncidentReferences(Set.of(), Set.of(), Set.of());

    /** The references in {@code text} (only its first 16 KiB are read). */
    static IncidentReferences in(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        String read = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        Set<String> deployments = new LinkedHashSet<>();
        for (Matcher m = DEPLOYMENT.matcher(read); m.find();) {
            deployments.add(m.group(1));
        }
        Set<String> commits = new LinkedHashSet<>();
        for (Matcher m = COMMIT.matcher(read); m.find();) {
            String word = m.group().toLowerCase(Locale.ROOT);
            if (word.chars().anyMatch(Character::isDigit) && word.chars().anyMatch(Character::isLetter)) {
                commits.add(word);
            }
        }
        Set<Long> requests = new LinkedHashSet<>();
        for (Matcher m = REQUEST.matcher(read); m.find();) {
            requests.add(Long.parseLong(m.group(1)));
        }
        return new IncidentReferences(Set.copyOf(deployments), Set.copyOf(commits), Set.copyOf(requests));
    }

    boolean isEmpty() {
        return deploymentIds.isEmpty() && commits.isEmpty() && pullRequests.isEmpty();
    }
}
