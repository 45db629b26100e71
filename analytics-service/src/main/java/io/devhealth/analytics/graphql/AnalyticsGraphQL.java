package io.devhealth.analytics.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

import org.jboss.logging.Logger;

import io.devhealth.analytics.code.BusFactors;
import io.devhealth.analytics.code.CodeService;
import io.devhealth.analytics.code.Hotspots;
import io.devhealth.analytics.commit.CommitItem;
import io.devhealth.analytics.commit.CommitService;
import io.devhealth.analytics.deployment.DeploymentItem;
import io.devhealth.analytics.deployment.DeploymentService;
import io.devhealth.analytics.dora.DoraLevels;
import io.devhealth.analytics.dora.DoraReport;
import io.devhealth.analytics.flow.FlowReport;
import io.devhealth.analytics.flow.FlowService;
import io.devhealth.analytics.investment.InvestmentReport;
import io.devhealth.analytics.investment.InvestmentService;
import io.devhealth.analytics.listing.Listing;
import io.devhealth.analytics.dora.DoraService;
import io.devhealth.analytics.metrics.DailyMetricsService;
import io.devhealth.analytics.metrics.RepoDayMetrics;
import io.devhealth.analytics.metrics.RepoMetricsSeries;
import io.devhealth.analytics.metrics.RepoMetricsService;
import io.devhealth.analytics.metrics.TeamDayMetrics;
import io.devhealth.analytics.metrics.TeamMetricsSeries;
import io.devhealth.analytics.metrics.UserDayMetrics;
import io.devhealth.analytics.metrics.UserMetricsSeries;
import io.devhealth.analytics.metrics.WorkItemDayMetrics;
import io.devhealth.analytics.metrics.WorkItemMetricsSeries;
import io.devhealth.analytics.repo.Repo;
import io.devhealth.analytics.incident.IncidentItem;
import io.devhealth.analytics.incident.IncidentService;
import io.devhealth.analytics.pullrequest.CycleTimeReport;
import io.devhealth.analytics.pullrequest.CycleTimeService;
import io.devhealth.analytics.pullrequest.PullRequestItem;
import io.devhealth.analytics.pullrequest.PullRequestService;
import io.devhealth.analytics.repo.RepoService;
import io.devhealth.analytics.workitem.WorkItem;
import io.devhealth.analytics.workitem.WorkItemService;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.problem.ProblemTypes;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The analytics API over GraphQL ({@code graphql/analytics.graphqls}): every field resolves through the same
 * services as REST, so access checks, validation and answers are the REST API's. Bounded: queries deeper than
 * {@value #MAX_DEPTH} levels or costing more than {@value #MAX_COMPLEXITY} fields are refused before any resolver
 * runs. A refused field answers a GraphQL error whose {@code extensions} carry the problem's {@code type} and
 * {@code status}, never a stack trace.
 */
@ApplicationScoped
// graphql-java reads results by reflection (record accessors): keep them in a native image.
@RegisterForReflection(targets = { Repo.class, RepoMetricsSeries.class, RepoDayMetrics.class, DoraReport.class,
        DoraReport.LevelTable.class, DoraReport.DeploymentFrequency.class, DoraReport.ChangeLeadTime.class,
        DoraReport.ChangeFailRate.class, DoraReport.FailedDeploymentRecoveryTime.class,
        DoraReport.DeploymentReworkRate.class, DoraReport.Day.class, Listing.class, CommitItem.class,
        DeploymentItem.class, FlowReport.class, FlowReport.Percentiles.class, FlowReport.FlowEfficiency.class,
        FlowReport.CategoryTime.class, FlowReport.StatusTime.class, FlowReport.Bucket.class, InvestmentReport.class,
        InvestmentReport.Node.class, InvestmentReport.Bucket.class, InvestmentReport.Slice.class, Hotspots.class,
        Hotspots.Hotspot.class, BusFactors.class, BusFactors.RepoBusFactor.class, BusFactors.Author.class,
        DoraReport.Week.class, DoraReport.QuickCheckAnswers.class, PullRequestItem.class, UserMetricsSeries.class,
        UserDayMetrics.class, TeamMetricsSeries.class, TeamDayMetrics.class, WorkItemMetricsSeries.class,
        WorkItemDayMetrics.class, CycleTimeReport.class, CycleTimeReport.CycleTime.class,
        CycleTimeReport.Stage.class, CycleTimeReport.PeriodCycleTime.class, CycleTimeReport.RepoCycleTime.class,
        CycleTimeReport.TeamCycleTime.class, IncidentItem.class, IncidentItem.IncidentLink.class, WorkItem.class })
public class AnalyticsGraphQL {

    static final int MAX_DEPTH = 8;
    static final int MAX_COMPLEXITY = 400;
    private static final Logger LOG = Logger.getLogger(AnalyticsGraphQL.class);

    private final GraphQL graphQL;

    AnalyticsGraphQL(RepoService repos, RepoMetricsService metrics, DailyMetricsService daily, DoraService dora, CommitService commits,
            DeploymentService deployments, FlowService flow, InvestmentService investment, CodeService code,
            PullRequestService pullRequests, CycleTimeService cycleTimes, IncidentService incidents,
            WorkItemService workItems) {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(LONG)
                .type("Query", query -> query
                        .dataFetcher("repos", env -> repos.list(env.getArgument("org")).items())
                        .dataFetcher("repoMetricsDaily", env -> metrics.daily(env.getArgument("org"),
                                env.getArgument("repo"), env.getArgument("from"), env.getArgument("to")))
                        .dataFetcher("userMetricsDaily", env -> daily.users(env.getArgument("org"),
                                env.getArgument("user"), env.getArgument("from"), env.getArgument("to"),
                                limit(env), env.getArgument("cursor")))
                        .dataFetcher("teamMetricsDaily", env -> daily.teams(env.getArgument("org"),
                                env.getArgument("team"), env.getArgument("from"), env.getArgument("to")))
                        .dataFetcher("workItemMetricsDaily", env -> daily.workItems(env.getArgument("org"),
                                env.getArgument("provider"), env.getArgument("project"), env.getArgument("from"),
                                env.getArgument("to")))
                        .dataFetcher("dora", env -> dora.report(env.getArgument("org"), env.getArgument("from"),
                                env.getArgument("to"), env.getArgument("environment"), env.getArgument("repo"),
                                env.getArgument("team"), levels(env)))
                        .dataFetcher("commits", env -> commits.list(env.getArgument("org"), env.getArgument("from"),
                                env.getArgument("to"), env.getArgument("repo"), env.getArgument("author"),
                                env.getArgument("cursor"), limit(env)))
                        .dataFetcher("deployments", env -> deployments.list(env.getArgument("org"),
                                env.getArgument("from"), env.getArgument("to"), env.getArgument("repo"),
                                env.getArgument("environment"), env.getArgument("status"), env.getArgument("cursor"),
                                limit(env)))
                        .dataFetcher("workItemFlow", env -> flow.report(env.getArgument("org"),
                                env.getArgument("from"), env.getArgument("to"), env.getArgument("provider"),
                                env.getArgument("project"), env.getArgument("type"), env.getArgument("period")))
                        .dataFetcher("investment", env -> investment.report(env.getArgument("org"),
                                env.getArgument("from"), env.getArgument("to"), env.getArgument("group"),
                                env.getArgument("period"), env.getArgument("provider"), env.getArgument("project")))
                        .dataFetcher("hotspots", env -> code.hotspots(env.getArgument("org"), env.getArgument("from"),
                                env.getArgument("to"), env.getArgument("repo"), limit(env)))
                        .dataFetcher("busFactor", env -> code.busFactors(env.getArgument("org"),
                                env.getArgument("from"), env.getArgument("to"), env.getArgument("repo"), limit(env)))
                        .dataFetcher("pullRequests", env -> pullRequests.list(env.getArgument("org"),
                                env.getArgument("from"), env.getArgument("to"), env.getArgument("repo"),
                                env.getArgument("state"), env.getArgument("author"), env.getArgument("team"),
                                env.getArgument("cursor"), limit(env)))
                        .dataFetcher("pullRequestCycleTime", env -> cycleTimes.report(env.getArgument("org"),
                                env.getArgument("from"), env.getArgument("to"), env.getArgument("repo"),
                                env.getArgument("team"), env.getArgument("period")))
                        .dataFetcher("incidents", env -> incidents.list(env.getArgument("org"), env.getArgument("from"),
                                env.getArgument("to"), env.getArgument("repo"), env.getArgument("status"),
                                env.getArgument("urgency"), all(env), env.getArgument("cursor"), limit(env)))
                        .dataFetcher("workItems", env -> workItems.list(env.getArgument("org"), env.getArgument("from"),
                                env.getArgument("to"), env.getArgument("provider"), env.getArgument("project"),
                                env.getArgument("type"), env.getArgument("statusCategory"),
                                env.getArgument("assignee"), env.getArgument("cursor"), limit(env))))
                // GraphQL has no map type: a day's hours per status become a list of {status, hours}.
                .type("WorkItemDay", day -> day.dataFetcher("timeInStateHours", env -> env
                        .<WorkItemDayMetrics>getSource().timeInStateHours().entrySet().stream()
                        .map(entry -> Map.of("status", entry.getKey(), "hours", entry.getValue())).toList()))
                .build();
        this.graphQL = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
                        new SchemaParser().parse(schema()), wiring))
                .instrumentation(new ChainedInstrumentation(List.of(new MaxQueryDepthInstrumentation(MAX_DEPTH),
                        new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY))))
                .defaultDataFetcherExceptionHandler(new ProblemErrors())
                .build();
    }

    /**
     * Executes one request.
     *
     * @param variables may be null
     * @param operationName may be null
     * @return the GraphQL response map ({@code data}, {@code errors})
     */
    public Map<String, Object> execute(String query, Map<String, Object> variables, String operationName) {
        ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput()
                .query(query)
                .variables(variables == null ? Map.of() : variables)
                .operationName(operationName)
                .build());
        return result.toSpecification();
    }

    private static DoraLevels levels(DataFetchingEnvironment env) {
        String levels = env.getArgument("levels");
        return levels == null || levels.isBlank() ? DoraLevels.DORA_2024 : DoraLevels.byId(levels.strip())
                .orElseThrow(() -> ProblemException.badParameter("levels", "levels must be 2024 or 2023"));
    }

    private static String limit(DataFetchingEnvironment env) {
        Integer limit = env.getArgument("limit");
        return limit == null ? null : limit.toString();
    }

    /** The incidents' {@code all} flag as its REST query parameter. */
    private static String all(DataFetchingEnvironment env) {
        Boolean all = env.getArgument("all");
        return all == null ? null : all.toString();
    }

    private static String schema() {
        try (InputStream in = AnalyticsGraphQL.class.getResourceAsStream("/graphql/analytics.graphqls")) {
            if (in == null) {
                throw new IllegalStateException("graphql/analytics.graphqls is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolver failures as GraphQL errors: a problem keeps its type and status; anything else is internal. */
    private static final class ProblemErrors implements DataFetcherExceptionHandler {

        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
                graphql.execution.DataFetcherExceptionHandlerParameters parameters) {
            Throwable failure = parameters.getException();
            GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError()
                    .path(parameters.getPath())
                    .location(parameters.getSourceLocation());
            GraphQLError built;
            if (failure instanceof ProblemException problem) {
                built = error.message(problem.detail() == null ? "refused" : problem.detail())
                        .extensions(Map.of("type", problem.type().toString(), "status", problem.status()))
                        .build();
            } else {
                LOG.error("a GraphQL resolver failed", failure);
                built = error.message("The analytics query failed.")
                        .extensions(Map.of("type", ProblemTypes.INTERNAL.toString(), "status", 500))
                        .build();
            }
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(built).build());
        }
    }

    /** {@code Long}: a 64-bit integer, written as a JSON number. */
    static final GraphQLScalarType LONG = GraphQLScalarType.newScalar()
            .name("Long")
            .description("A 64-bit integer")
            .coercing(new Coercing<Long, Long>() {
                @Override
                public Long serialize(Object value) {
                    return ((Number) value).longValue();
                }

                @Override
                public Long parseValue(Object input) {
                    if (input instanceof Number number) {
                        return number.longValue();
                    }
                    throw new CoercingParseValueException("Long expects an integer");
                }

                @Override
                public Long parseLiteral(Object input) {
                    if (input instanceof IntValue value) {
                        return value.getValue().longValueExact();
                    }
                    if (input instanceof StringValue) {
                        throw new CoercingParseLiteralException("Long expects an integer, not a string");
                    }
                    throw new CoercingParseLiteralException("Long expects an integer");
                }
            })
            .build();
}
