package org.peerbridge.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The scenarios the command line knows, by name. Add new ones here. */
public final class Scenarios {

    private static final Map<String, Function<String, Scenario>> FACTORIES = new LinkedHashMap<>();

    static {
        // The argument is the run id: a short random token that makes identifiers unique per run.
        FACTORIES.put(ReferralScenario.NAME, ReferralScenario::new);
        FACTORIES.put(SessionScenario.NAME, SessionScenario::new);
        FACTORIES.put(ReadScenario.NAME, ReadScenario::new);
        FACTORIES.put(SearchScenario.NAME, SearchScenario::new);
        FACTORIES.put(QuestionnaireResponseScenario.NAME, QuestionnaireResponseScenario::new);
        FACTORIES.put(ProgressReportScenario.NAME, ProgressReportScenario::new);
        FACTORIES.put(PageScenario.LIST, PageScenario::list);
        FACTORIES.put(PageScenario.COURSE, PageScenario::course);
    }

    private Scenarios() {
    }

    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /** Creates scenario {@code name} for run {@code runId}; IllegalArgumentException when unknown. */
    public static Scenario create(String name, String runId) {
        Function<String, Scenario> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown scenario '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return factory.apply(runId);
    }
}
