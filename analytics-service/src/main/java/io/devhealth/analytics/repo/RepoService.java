package io.devhealth.analytics.repo;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.org.OrgAccess;

/** The organization's repositories, for members (viewer and up) and superusers. */
@ApplicationScoped
public class RepoService {

    private final OrgAccess orgAccess;
    private final RepoRepository repos;

    RepoService(OrgAccess orgAccess, RepoRepository repos) {
        this.orgAccess = orgAccess;
        this.repos = repos;
    }

    /**
     * @param org organization slug or id
     * @throws io.devhealth.support.problem.ProblemException 404 for an organization the caller cannot see
     */
    public RepoList list(String org) {
        return new RepoList(repos.list(orgAccess.readableOrgId(org)));
    }
}
