package io.effortmap.metrics.scope.service;

import io.effortmap.metrics.aggregate.service.Scope;
import java.util.List;

/** Which stored buckets make up a requested scope: a stage is the set of its touchpoints' buckets. */
public record ResolvedScope(String requested, String id, Scope storedAs, List<String> scopeIds) {
}
