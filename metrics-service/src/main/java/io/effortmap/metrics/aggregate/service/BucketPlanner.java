package io.effortmap.metrics.aggregate.service;

import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.feed.client.ResponseFeedPage.Answer;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns feed events into per-bucket increments: every scored answer goes to each of its scopes × slices × day, week
 * and month; each respondent's first CES with first CSAT / NPS answer goes to daily pair buckets of its scopes.
 * Pure apart from configuration, so the exactly-once rules can be tested without a store.
 */
@ApplicationScoped
public class BucketPlanner {

    public static final Set<String> METRICS = Set.of("CES", "CSAT", "NPS");
    public static final List<String> PAIRS = List.of("CES_CSAT", "CES_NPS");
    private static final Pattern SCORING = Pattern.compile("[A-Z][A-Z_]{0,39}");

    private final Dimensions dimensions;

    @Inject
    BucketPlanner(MetricsConfig config) {
        this(Dimensions.from(config));
    }

    public BucketPlanner(Dimensions dimensions) {
        this.dimensions = dimensions;
    }

    public Dimensions dimensions() {
        return dimensions;
    }

    /** A page's contributions, computed once for both the applied-position lookup and the plan. */
    public final class Page {
        private final Collection<ResponseEvent> events;
        private final List<List<Contribution>> contributions = new ArrayList<>();
        private final Map<String, AggregateKey> keys = new LinkedHashMap<>();

        private Page(Collection<ResponseEvent> events) {
            this.events = events;
            for (ResponseEvent event : events) {
                List<Contribution> of = contributions(event);
                contributions.add(of);
                of.forEach(c -> keys.putIfAbsent(c.id(), c.key()));
            }
        }

        /** Every bucket the page touches, once. */
        public List<AggregateKey> keys() {
            return List.copyOf(keys.values());
        }

        /**
         * Increments for every answer not yet applied: an answer is already in a bucket when its event position is at
         * or below the position stored with that bucket (feed order is total, pages are applied in that order and the
         * cursor only passes a page once all its buckets hold it).
         */
        public Collection<AggregateDelta> plan(Map<String, String> appliedPositions) {
            Map<String, AggregateDelta> deltas = new LinkedHashMap<>();
            int i = 0;
            for (ResponseEvent event : events) {
                for (Contribution c : contributions.get(i++)) {
                    String applied = appliedPositions.get(c.id());
                    if (applied != null && event.position().compareTo(applied) <= 0) {
                        continue;
                    }
                    AggregateDelta delta = deltas.computeIfAbsent(c.id(), id -> new AggregateDelta(c.key()));
                    if (c.y() == null) {
                        delta.addScore(c.key().scale(), c.x(), event.position());
                    } else {
                        delta.addPair(c.key().scale(), c.x(), c.y(), event.position());
                    }
                }
            }
            return deltas.values();
        }
    }

    public Page page(Collection<ResponseEvent> events) {
        return new Page(events);
    }

    public List<AggregateKey> keys(Collection<ResponseEvent> events) {
        return page(events).keys();
    }

    public Collection<AggregateDelta> plan(Collection<ResponseEvent> events, Map<String, String> appliedPositions) {
        return page(events).plan(appliedPositions);
    }

    /** One answer (or answer pair) landing in one bucket; {@code y} is null for single-metric buckets. */
    private record Contribution(AggregateKey key, String id, int x, Integer y) {
        Contribution(AggregateKey key, int x, Integer y) {
            this(key, key.id(), x, y);
        }
    }

    private List<Contribution> contributions(ResponseEvent event) {
        List<Contribution> out = new ArrayList<>();
        LocalDate day = event.occurredAt().atZone(dimensions.zone(event.workspace())).toLocalDate();
        List<String> slices = slices(event);
        List<ScopeRef> scopes = scopes(event);
        Map<String, Answer> firstByKind = new LinkedHashMap<>();
        for (Answer answer : event.answers()) {
            if (!scored(answer)) {
                continue;
            }
            firstByKind.putIfAbsent(answer.kind(), answer);
            List<ScopeRef> answerScopes = new ArrayList<>(scopes);
            if (event.surveyId() != null && answer.questionKey() != null) {
                answerScopes.add(new ScopeRef(Scope.QUESTION, event.surveyId() + "/" + answer.questionKey(), null));
            }
            for (ScopeRef scope : answerScopes) {
                for (String slice : slices) {
                    for (Granularity granularity : Granularity.values()) {
                        out.add(new Contribution(new AggregateKey(event.workspace(), scope.scope(), scope.id(),
                                scope.journeyId(), slice, answer.kind(), answer.scoring(), answer.scaleMin(),
                                answer.scaleMax(), scale(answer), granularity, granularity.start(day)),
                                answer.score(), null));
                    }
                }
            }
        }
        Answer ces = firstByKind.get("CES");
        for (String pair : PAIRS) {
            Answer other = firstByKind.get(pair.substring(4));
            if (ces == null || other == null) {
                continue;
            }
            for (ScopeRef scope : scopes) {
                out.add(new Contribution(new AggregateKey(event.workspace(), scope.scope(), scope.id(),
                        scope.journeyId(), AggregateKey.ALL, pair, ces.scoring(), ces.scaleMin(), ces.scaleMax(),
                        scale(ces) + "~" + scale(other), Granularity.DAY, day), ces.score(), other.score()));
            }
        }
        return out;
    }

    private record ScopeRef(Scope scope, String id, String journeyId) {
    }

    private static List<ScopeRef> scopes(ResponseEvent event) {
        List<ScopeRef> scopes = new ArrayList<>();
        scopes.add(new ScopeRef(Scope.WORKSPACE, event.workspace(), null));
        if (event.surveyId() != null) {
            scopes.add(new ScopeRef(Scope.SURVEY, event.surveyId(), null));
        }
        if (event.journeyId() != null) {
            scopes.add(new ScopeRef(Scope.JOURNEY, event.journeyId(), event.journeyId()));
            if (event.touchpointId() != null) {
                scopes.add(new ScopeRef(Scope.TOUCHPOINT, touchpointScopeId(event.journeyId(), event.touchpointId()),
                        event.journeyId()));
            }
        }
        return scopes;
    }

    /** {@code all}, the channel, each configured segment, and each segment within the channel. */
    private List<String> slices(ResponseEvent event) {
        List<String> slices = new ArrayList<>();
        slices.add(AggregateKey.ALL);
        String channel = event.channel() == null ? null : channelSlice(event.channel());
        if (channel != null) {
            slices.add(channel);
        }
        for (String attribute : dimensions.segmentAttributes()) {
            String value = event.segments() == null ? null : event.segments().get(attribute);
            if (value != null) {
                slices.add(segmentSlice(attribute, value));
                if (channel != null) {
                    slices.add(channel + "," + segmentSlice(attribute, value));
                }
            }
        }
        return slices;
    }

    public static String touchpointScopeId(String journeyId, String touchpointId) {
        return journeyId + "/" + touchpointId;
    }

    public static String channelSlice(String channel) {
        return "channel=" + channel;
    }

    public static String segmentSlice(String attribute, String value) {
        return attribute + "=" + value;
    }

    public static String scale(Answer answer) {
        return answer.scoring() + ":" + answer.scaleMin() + "-" + answer.scaleMax();
    }

    /** The scoring method becomes part of a stored field name, so only survey-service's vocabulary shape passes. */
    private static boolean scored(Answer answer) {
        return METRICS.contains(answer.kind()) && answer.score() != null && answer.scaleMin() != null
                && answer.scaleMax() != null && answer.scoring() != null && SCORING.matcher(answer.scoring()).matches();
    }
}
