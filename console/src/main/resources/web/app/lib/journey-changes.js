// What changed between two reads of a journey, in words: shown when a save meets someone else's newer version (412).
function touchpoints(journey) {
  const list = [];
  journey.stages.forEach((stage, stageIndex) => stage.touchpoints.forEach((tp, index) => list.push({ ...tp, stage, stageIndex, index })));
  return new Map(list.map((tp) => [tp.id, tp]));
}

const CONTENT = ['channel', 'description', 'ownerTeam', 'expectedEmotion', 'painPoints', 'opportunities', 'targets'];
const CONTENT_WORDS = { channel: 'channel', description: 'description', ownerTeam: 'owner team', expectedEmotion: 'expected emotion',
  painPoints: 'pain points', opportunities: 'opportunities', targets: 'targets' };

export function describeChanges(base, latest) {
  const changes = [];
  ['name', 'description', 'owner'].forEach((field) => {
    if ((base[field] ?? '') !== (latest[field] ?? '')) {
      changes.push(`Journey ${field} changed from “${base[field] ?? ''}” to “${latest[field] ?? ''}”`);
    }
  });
  if (base.status !== latest.status) {
    changes.push(`Status changed from ${base.status.toLowerCase()} to ${latest.status.toLowerCase()}`);
  }
  const baseStages = new Map(base.stages.map((s, i) => [s.id, { ...s, index: i }]));
  const latestStages = new Map(latest.stages.map((s, i) => [s.id, { ...s, index: i }]));
  latestStages.forEach((s, id) => {
    const before = baseStages.get(id);
    if (!before) changes.push(`Stage “${s.name}” added`);
    else {
      if (before.name !== s.name) changes.push(`Stage “${before.name}” renamed to “${s.name}”`);
      if (before.index !== s.index) changes.push(`Stage “${s.name}” moved from position ${before.index + 1} to ${s.index + 1}`);
    }
  });
  baseStages.forEach((s, id) => { if (!latestStages.has(id)) changes.push(`Stage “${s.name}” removed`); });
  const beforeTps = touchpoints(base);
  const afterTps = touchpoints(latest);
  afterTps.forEach((tp, id) => {
    const before = beforeTps.get(id);
    if (!before) {
      changes.push(`Touchpoint “${tp.name}” added to “${tp.stage.name}”`);
      return;
    }
    if (before.name !== tp.name) changes.push(`Touchpoint “${before.name}” renamed to “${tp.name}”`);
    if (before.stage.id !== tp.stage.id) changes.push(`Touchpoint “${tp.name}” moved from “${before.stage.name}” to “${tp.stage.name}”`);
    else if (before.index !== tp.index) changes.push(`Touchpoint “${tp.name}” moved from position ${before.index + 1} to ${tp.index + 1}`);
    const edited = CONTENT.filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(tp[field] ?? null));
    if (edited.length) changes.push(`Touchpoint “${tp.name}”: ${edited.map((f) => CONTENT_WORDS[f]).join(', ')} changed`);
  });
  beforeTps.forEach((tp, id) => { if (!afterTps.has(id)) changes.push(`Touchpoint “${tp.name}” removed`); });
  return changes;
}
