package io.devhealth.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.provider.git.GitProviderSync;
import io.devhealth.sync.sink.Table;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The registry finds provider beans by key, and a newcomer's mistakes (duplicate or blank keys) fail at start. */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class ProviderRegistryTests {

    @Inject
    ProviderRegistry registry;

    @Test
    void theGitBeanIsFoundByItsKeyWithTheOptionsAndTablesItDeclares() throws Exception {
        ProviderSync git = registry.require("git");

        assertThat(git).isInstanceOf(GitProviderSync.class);
        assertThat(git.options()).containsOnlyKeys("repositoryPath");
        assertThat(git.tables()).containsExactly(Table.REPOS, Table.COMMITS, Table.COMMIT_STATS);
        assertThat(registry.all()).containsKey("git");
    }

    @Test
    void theJiraBeanDeclaresItsOptionsAndTables() throws Exception {
        ProviderSync jira = registry.require("jira");

        assertThat(jira).isInstanceOf(io.devhealth.sync.provider.jira.JiraProviderSync.class);
        assertThat(jira.options()).containsOnlyKeys("siteUrl", "projectKeys", "jql");
        assertThat(jira.tables()).extracting(Table::name).containsExactly("work_items", "work_item_transitions");
    }

    @Test
    void anUnknownProviderIsAClearFailure() {
        assertThat(registry.find("bitbucket")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
        assertThatThrownBy(() -> registry.require("bitbucket"))
                .isInstanceOf(SyncFailedException.class)
                .hasMessageStartingWith("provider bitbucket is not supported (this sync-service runs: ")
                .hasMessageContaining("git");
    }

    @Test
    void twoBeansForOneKeyOrABlankKeyFailTheStart() {
        assertThatThrownBy(() -> new ProviderRegistry(List.of(named("x"), named("x"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two ProviderSync beans for provider x");
        assertThatThrownBy(() -> new ProviderRegistry(List.of(named(" "))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("declares no provider key");
    }

    private static ProviderSync named(String key) {
        return new ProviderSync() {
            @Override
            public String provider() {
                return key;
            }

            @Override
            public SyncOutcome run(SyncContext context) {
                return new SyncOutcome(null, null, null);
            }
        };
    }
}
