// Reads shared by several views.
import { all, get } from './api.js';

/** The figure of a metric with the most answers (one per scale; scales are never mixed). */
export function mainFigure(list) {
  if (!list || !list.length) {
    return null;
  }
  return [...list].sort((a, b) => (b.n ?? 0) - (a.n ?? 0))[0];
}

/** Runs tasks with at most `limit` in flight, keeping the gateway's rate limit in mind. */
export async function pooled(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i).catch((error) => ({ error }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Open (not resolved) alerts, each with the journey and touchpoint its rule watches, so views can badge the map.
 */
export async function openAlerts() {
  const [open, acknowledged, rules] = await Promise.all([
    all('/alerts', { state: 'OPEN' }, 500),
    all('/alerts', { state: 'ACKNOWLEDGED' }, 500),
    all('/alerts/rules', {}, 500),
  ]);
  const byId = new Map(rules.map((r) => [r.id, r]));
  return [...open, ...acknowledged].map((alert) => {
    const rule = byId.get(alert.ruleId);
    return {
      ...alert,
      rule,
      journeyId: rule?.scope === 'journey' ? rule.scopeId : rule?.journeyId ?? null,
      touchpointId: rule?.scope === 'touchpoint' ? rule.scopeId : null,
    };
  });
}

export function touchpointsOf(journey) {
  return (journey?.stages ?? []).flatMap((stage) => stage.touchpoints.map((tp) => ({ ...tp, stageId: stage.id, stageName: stage.name })));
}

export async function journeyList() {
  return all('/journeys', {}, 500);
}

export async function journey(journeyId) {
  return get(`/journeys/${encodeURIComponent(journeyId)}`);
}
