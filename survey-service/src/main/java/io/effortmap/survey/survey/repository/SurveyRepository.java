package io.effortmap.survey.survey.repository;

import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.SurveyStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Surveys, always read within one workspace and always with their questions. Callers provide the session. */
@ApplicationScoped
public class SurveyRepository implements PanacheRepositoryBase<SurveyEntity, UUID> {

    private static final String WITH_QUESTIONS =
            "select distinct s from SurveyEntity s left join fetch s.questions where s.workspace = :ws and s.id in :ids";

    public Uni<Optional<SurveyEntity>> findInWorkspace(UUID id, String workspace) {
        return findAllInWorkspace(List.of(id), workspace).map(found -> Optional.ofNullable(found.get(id)));
    }

    public Uni<Map<UUID, SurveyEntity>> findAllInWorkspace(Collection<UUID> ids, String workspace) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return find(WITH_QUESTIONS, Parameters.with("ws", workspace).and("ids", List.copyOf(ids)))
                .list()
                .map(list -> list.stream().collect(Collectors.toMap(s -> s.id, Function.identity())));
    }

    /**
     * One page, newest first, strictly after the keyset position {@code (afterCreatedAt, afterId)} when given. Ids are
     * paged first and questions fetched for that page only, so the database applies the limit (never in memory).
     */
    public Uni<List<SurveyEntity>> page(String workspace, SurveyStatus status, String touchpointId, QuestionKind kind,
            Instant afterCreatedAt, UUID afterId, int limit) {
        StringBuilder hql = new StringBuilder("select s.id from SurveyEntity s where s.workspace = :ws");
        Map<String, Object> params = new HashMap<>();
        params.put("ws", workspace);
        if (status != null) {
            hql.append(" and s.status = :status");
            params.put("status", status);
        }
        if (touchpointId != null) {
            hql.append(" and s.touchpointId = :tp");
            params.put("tp", touchpointId);
        }
        if (kind != null) {
            hql.append(" and s.id in (select k.id from SurveyEntity k join k.questions q where q.kind = :kind)");
            params.put("kind", kind);
        }
        if (afterCreatedAt != null) {
            hql.append(" and (s.createdAt < :afterCreatedAt or (s.createdAt = :afterCreatedAt and s.id < :afterId))");
            params.put("afterCreatedAt", afterCreatedAt);
            params.put("afterId", afterId);
        }
        hql.append(" order by s.createdAt desc, s.id desc");
        return getSession()
                .chain(session -> {
                    Mutiny.SelectionQuery<UUID> query = session.createSelectionQuery(hql.toString(), UUID.class);
                    params.forEach(query::setParameter);
                    return query.setMaxResults(limit).getResultList();
                })
                .chain(ids -> findAllInWorkspace(ids, workspace).map(byId -> ids.stream().map(byId::get).toList()));
    }
}
