package io.effortmap.launcher.seed;

import com.fasterxml.jackson.databind.JsonNode;
import io.effortmap.launcher.platform.LaunchException;
import io.effortmap.launcher.platform.StackConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeds the demo workspace {@code acme} through the public API with real tokens, as a CX team and its CRM would:
 * one journey map (5 stages, 15 touchpoints), CES/CSAT and NPS surveys, and 90 days of responses and interactions.
 * "Returns request" is the friction hotspot: low CES at high volume, getting worse over the last month.
 * Seeding is skipped when the journey already exists, and every item carries an external id, so a re-run never
 * duplicates anything.
 */
public final class DemoSeeder {

    public static final String JOURNEY_NAME = "Online order to delivery";
    static final String HOTSPOT = "Returns request";
    private static final int DAYS = 90;
    private static final int BULK = 1000;

    /** Touchpoint blueprint: name, channel, CES target, mean CES on the 1–7 scale, relative response volume. */
    private record Blueprint(String name, String channel, double cesTarget, double cesMean, double volume, String stage) {
    }

    private static final List<Blueprint> TOUCHPOINTS = List.of(
            new Blueprint("Social ad", "social", 5.5, 0, 0, "Awareness"),
            new Blueprint("Search result", "web", 5.5, 0, 0, "Awareness"),
            new Blueprint("Friend referral", "other", 5.5, 0, 0, "Awareness"),
            new Blueprint("Product page", "web", 5.5, 5.9, 1.0, "Consideration"),
            new Blueprint("Size guide", "web", 5.5, 5.2, 0.5, "Consideration"),
            new Blueprint("Pre-sale chat", "chat", 5.5, 5.6, 0.6, "Consideration"),
            new Blueprint("Checkout", "web", 6.0, 5.8, 1.2, "Purchase"),
            new Blueprint("Payment", "web", 6.0, 6.1, 1.0, "Purchase"),
            new Blueprint("Order confirmation email", "email", 5.5, 0, 0, "Purchase"),
            new Blueprint("Delivery tracking", "web", 5.5, 5.0, 1.0, "Post-Purchase"),
            new Blueprint("Delivery support call", "phone", 5.0, 4.4, 0.7, "Post-Purchase"),
            new Blueprint(HOTSPOT, "mobile_app", 5.0, 3.6, 1.4, "Post-Purchase"),
            new Blueprint("Loyalty app", "mobile_app", 5.5, 0, 0, "Loyalty/Advocacy"),
            new Blueprint("Review request email", "email", 5.5, 0, 0, "Loyalty/Advocacy"),
            new Blueprint("Referral programme", "web", 5.5, 0, 0, "Loyalty/Advocacy"));

    private static final List<String> STAGES = List.of("Awareness", "Consideration", "Purchase", "Post-Purchase",
            "Loyalty/Advocacy");
    private static final List<String> HARD_COMMENTS = List.of(
            "I had to print the return label myself and find a shop that takes it.",
            "The app asked for my order number three times.",
            "Waited 25 minutes on the phone to get an answer.",
            "Refund status was not visible anywhere.",
            "Too many steps, I almost gave up.");
    private static final List<String> EASY_COMMENTS = List.of(
            "Quick and simple.", "Everything worked first time.", "Great, thanks!");
    /** The segment attributes of the demo responses; the local metrics-service slices by them (SEGMENT_ATTRIBUTES). */
    public static final String SEGMENT_ATTRIBUTES = "region,plan";
    private static final Duration METRICS_WAIT = Duration.ofSeconds(300);
    private static final List<String> REGIONS = List.of("EU", "EU", "NA", "NA", "APAC");
    private static final List<String> PLANS = List.of("standard", "standard", "plus");

    /** {@code surveyLink}: a fresh invitation link of the hotspot's survey, for a new user to answer as a customer. */
    public record SeedSummary(String journeyId, String hotspotTouchpointId, String hotspotName, String description,
            String surveyLink) {

        SeedSummary withSurveyLink(String link) {
            return new SeedSummary(journeyId, hotspotTouchpointId, hotspotName, description, link);
        }
    }

    private final StackConfig config;
    private final Consumer<String> out;
    private final Random random = new Random(42);

    public DemoSeeder(StackConfig config, Consumer<String> out) {
        this.config = config;
        this.out = out;
    }

    public SeedSummary seed() {
        long begin = System.nanoTime();
        Api api = new Api(config.gatewayUrl(), config.issuer());
        String admin = api.userToken("alice", config.credentials().demoUserPassword());
        String crm = api.clientToken("crm-acme", config.credentials().crmAcmeSecret());

        JsonNode existing = findJourney(api, admin);
        if (existing != null) {
            SeedSummary summary = summary(existing, "already seeded (journey '" + JOURNEY_NAME + "' exists)");
            out.accept("  Demo data         kept   (" + summary.description() + ")");
            return summary.withSurveyLink(invitationLink(api, admin, crm, summary));
        }
        JsonNode journey = api.post("/api/v1/journeys", journeyRequest(), admin, 201);
        Map<String, JsonNode> touchpoints = touchpointsByName(journey);

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> responses = new ArrayList<>();
        int hotspotCes = 0;
        for (Blueprint blueprint : TOUCHPOINTS) {
            JsonNode tp = touchpoints.get(blueprint.name());
            if (blueprint.volume() > 0) {
                String surveyId = createActiveSurvey(api, admin, journey, tp, cesSurveyQuestions());
                int count = (int) Math.round(blueprint.volume() * 280);
                for (int i = 0; i < count; i++) {
                    responses.add(cesResponse(surveyId, blueprint, now, responses.size()));
                }
                if (blueprint.name().equals(HOTSPOT)) {
                    hotspotCes = count;
                }
            }
        }
        String npsSurvey = createActiveSurvey(api, admin, journey, touchpoints.get("Loyalty app"), npsSurveyQuestions());
        for (int i = 0; i < 400; i++) {
            responses.add(npsResponse(npsSurvey, now, responses.size()));
        }
        int accepted = 0;
        for (int from = 0; from < responses.size(); from += BULK) {
            JsonNode result = api.post("/api/v1/responses/bulk",
                    Map.of("items", responses.subList(from, Math.min(responses.size(), from + BULK))), crm, 200);
            accepted += result.path("accepted").asInt() + result.path("duplicates").asInt();
        }
        if (accepted != responses.size()) {
            throw new LaunchException("Only " + accepted + " of " + responses.size() + " demo responses were accepted");
        }
        List<Map<String, Object>> interactions = interactions(journey, touchpoints, now);
        for (int from = 0; from < interactions.size(); from += BULK) {
            api.post("/api/v1/interactions", interactions.subList(from, Math.min(interactions.size(), from + BULK)), crm, 200);
        }
        SeedSummary summary = summary(journey, String.format(Locale.ROOT,
                "journey '%s' with 15 touchpoints, %d survey responses and %d interactions over %d days",
                JOURNEY_NAME, responses.size(), interactions.size(), DAYS));
        awaitMetrics(api, admin, summary, hotspotCes);
        out.accept(String.format(Locale.ROOT, "  Demo data         seeded %6.1f s  %s", (System.nanoTime() - begin) / 1e9,
                summary.description()));
        return summary.withSurveyLink(invitationLink(api, admin, crm, summary));
    }

    private JsonNode findJourney(Api api, String token) {
        for (JsonNode item : api.get("/api/v1/journeys?limit=100", token).path("items")) {
            if (JOURNEY_NAME.equals(item.path("name").asText())) {
                return api.get("/api/v1/journeys/" + item.path("id").asText(), token);
            }
        }
        return null;
    }

    private static SeedSummary summary(JsonNode journey, String description) {
        JsonNode hotspot = touchpointsByName(journey).get(HOTSPOT);
        return new SeedSummary(journey.path("id").asText(), hotspot.path("id").asText(), HOTSPOT, description, null);
    }

    /**
     * A new invitation to the hotspot's survey, created as the partner CRM would: its link is shown once, so every
     * start prints a fresh one (an answered link says so when opened again).
     */
    private static String invitationLink(Api api, String admin, String crm, SeedSummary summary) {
        JsonNode surveys = api.get("/api/v1/surveys?status=ACTIVE&touchpointId=" + summary.hotspotTouchpointId(), admin)
                .path("items");
        if (surveys.isEmpty()) {
            throw new LaunchException("The demo survey of '" + HOTSPOT + "' is missing");
        }
        return api.post("/api/v1/invitations", Map.of("surveyId", surveys.get(0).path("id").asText(),
                "customerId", "demo-customer"), crm, 201).path("link").asText();
    }

    /**
     * Metrics are computed asynchronously from the feed: wait until the hotspot's answers are all counted. With the
     * demo's two segment attributes sliced, every answer lands in three times as many buckets, which on a busy
     * two-core machine takes about two minutes; the wait allows for more than twice that.
     */
    private void awaitMetrics(Api api, String token, SeedSummary summary, int expected) {
        long deadline = System.nanoTime() + METRICS_WAIT.toNanos();
        String path = "/api/v1/metrics/journeys/" + summary.journeyId() + "/touchpoints/" + summary.hotspotTouchpointId()
                + "?metric=CES&from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(DAYS + 1);
        while (System.nanoTime() < deadline) {
            JsonNode figures = api.get(path, token).path("figures");
            if (figures.size() > 0 && figures.get(0).path("n").asInt() == expected) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new LaunchException("metrics-service did not reflect the demo responses within "
                + METRICS_WAIT.toSeconds() + " s");
    }

    private static Map<String, Object> journeyRequest() {
        List<Map<String, Object>> stages = new ArrayList<>();
        for (String stage : STAGES) {
            List<Map<String, Object>> tps = new ArrayList<>();
            for (Blueprint b : TOUCHPOINTS) {
                if (b.stage().equals(stage)) {
                    Map<String, Object> tp = new LinkedHashMap<>();
                    tp.put("name", b.name());
                    tp.put("channel", b.channel());
                    tp.put("ownerTeam", stage.equals("Post-Purchase") ? "Customer care" : "Digital");
                    tp.put("targets", Map.of("CES_AGREEMENT", b.cesTarget(), "CSATShare", 0.8));
                    if (b.name().equals(HOTSPOT)) {
                        tp.put("painPoints", List.of("Label must be printed at home", "Refund status is invisible"));
                        tp.put("opportunities", List.of(Map.of("text", "QR-code returns at partner shops",
                                "owner", "Customer care", "status", "open")));
                        tp.put("expectedEmotion", -1);
                    }
                    tps.add(tp);
                }
            }
            stages.add(Map.of("name", stage, "touchpoints", tps));
        }
        return Map.of("name", JOURNEY_NAME, "description", "From first ad to repeat purchase, for online shoppers.",
                "owner", "CX team", "stages", stages);
    }

    private static Map<String, JsonNode> touchpointsByName(JsonNode journey) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode stage : journey.path("stages")) {
            for (JsonNode tp : stage.path("touchpoints")) {
                byName.put(tp.path("name").asText(), tp);
            }
        }
        return byName;
    }

    private static String createActiveSurvey(Api api, String token, JsonNode journey, JsonNode touchpoint,
            List<Map<String, Object>> questions) {
        Map<String, Object> request = Map.of("name", touchpoint.path("name").asText() + " feedback",
                "journeyId", journey.path("id").asText(),
                "touchpointId", touchpoint.path("id").asText(),
                "companyName", "Acme",
                "questions", questions);
        String id = api.post("/api/v1/surveys", request, token, 201).path("id").asText();
        api.post("/api/v1/surveys/" + id + "/activate", Map.of(), token, 200, 0);
        return id;
    }

    private static List<Map<String, Object>> cesSurveyQuestions() {
        return List.of(Map.of("key", "ces", "kind", "CES"), Map.of("key", "csat", "kind", "CSAT"),
                Map.of("key", "comment", "kind", "COMMENT", "required", false));
    }

    private static List<Map<String, Object>> npsSurveyQuestions() {
        return List.of(Map.of("key", "nps", "kind", "NPS"), Map.of("key", "comment", "kind", "COMMENT", "required", false));
    }

    private Map<String, Object> cesResponse(String surveyId, Blueprint blueprint, Instant now, int index) {
        // Within the default 90-day window of the metrics endpoints, today included.
        int daysAgo = random.nextInt(DAYS - 1);
        // The hotspot got worse after a process change a month ago.
        double mean = blueprint.name().equals(HOTSPOT) && daysAgo < 30 ? blueprint.cesMean() - 0.8 : blueprint.cesMean();
        int ces = clamp((int) Math.round(mean + random.nextGaussian() * 1.2), 1, 7);
        int csat = clamp((int) Math.round(1 + (ces - 1) * 4.0 / 6 + random.nextGaussian() * 0.6), 1, 5);
        List<Map<String, Object>> answers = new ArrayList<>(List.of(
                Map.of("questionKey", "ces", "score", ces), Map.of("questionKey", "csat", "score", csat)));
        if (random.nextDouble() < 0.3) {
            List<String> pool = ces <= 3 ? HARD_COMMENTS : EASY_COMMENTS;
            answers.add(Map.of("questionKey", "comment", "text", pool.get(random.nextInt(pool.size()))));
        }
        return response(surveyId, blueprint.channel(), now, daysAgo, index, answers);
    }

    private Map<String, Object> npsResponse(String surveyId, Instant now, int index) {
        int nps = clamp((int) Math.round(7.6 + random.nextGaussian() * 2.0), 0, 10);
        return response(surveyId, "mobile_app", now, random.nextInt(DAYS - 1), index, List.of(Map.of("questionKey", "nps", "score", nps)));
    }

    private Map<String, Object> response(String surveyId, String channel, Instant now, int daysAgo, int index,
            List<Map<String, Object>> answers) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("externalId", "demo-response-" + index);
        item.put("surveyId", surveyId);
        item.put("customerId", customer());
        item.put("channel", channel);
        item.put("occurredAt", now.minus(daysAgo, ChronoUnit.DAYS).minusSeconds(random.nextInt(86_400)).toString());
        item.put("segments", Map.of("region", pick(REGIONS), "plan", pick(PLANS)));
        item.put("answers", answers);
        return item;
    }

    /** Customers walk the stages in order; some drop off after each stage, returns are often escalated. */
    private List<Map<String, Object>> interactions(JsonNode journey, Map<String, JsonNode> touchpoints, Instant now) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int c = 0; c < 900; c++) {
            String customer = String.format(Locale.ROOT, "cust-%04d", c);
            Instant at = now.minus(random.nextInt(DAYS), ChronoUnit.DAYS).minusSeconds(random.nextInt(86_400));
            for (String stage : STAGES) {
                List<Blueprint> options = TOUCHPOINTS.stream().filter(b -> b.stage().equals(stage)).toList();
                Blueprint b = options.get(random.nextInt(options.size()));
                boolean returns = b.name().equals(HOTSPOT);
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("externalId", "demo-interaction-" + items.size());
                item.put("customerId", customer);
                item.put("journeyId", journey.path("id").asText());
                item.put("touchpointId", touchpoints.get(b.name()).path("id").asText());
                item.put("channel", b.channel());
                item.put("occurredAt", (at.isAfter(now) ? now : at).toString());
                item.put("outcome", returns ? pick(List.of("resolved", "unresolved", "escalated", "abandoned")) : "resolved");
                item.put("durationSeconds", 30 + random.nextInt(returns ? 1500 : 300));
                item.put("segments", Map.of("region", pick(REGIONS)));
                items.add(item);
                at = at.plus(1 + random.nextInt(3), ChronoUnit.DAYS);
                if (random.nextDouble() < 0.25) {
                    break;
                }
            }
        }
        return items;
    }

    private String customer() {
        return String.format(Locale.ROOT, "cust-%04d", random.nextInt(1500));
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
