// Drives this server with the npm "mlflow" package (an independent MLflow REST client). Every call must succeed; each result is
// checked for the fields MLflow returns. Usage: node mlflow-npm-client.js http://127.0.0.1:PORT
const assert = require('assert');
const MLflow = require('mlflow').default || require('mlflow');
const endpoint = process.argv[2].replace(/\/$/, '');
const { Experiments, Runs, Metrics, Artifacts } = new MLflow({ endpoint });
const calls = [];
const call = async (name, promise) => { const result = await promise; calls.push(name); return result; };

(async () => {
  const name = 'npm-' + Date.now() + '-' + Math.random().toString(16).slice(2);
  const { experiment_id } = await call('experiments.create', Experiments.create({ name }));
  assert.ok(experiment_id);
  const { experiment } = await call('experiments.get', Experiments.get({ experiment_id }));
  assert.strictEqual(experiment.name, name);
  await call('experiments.update', Experiments.update({ experiment_id, new_name: name + '-renamed' }));
  // Not called: mlflow@2.0.7's setExperimentTag requests '.../experimentsset-experiment-tag' (a missing '/'), which no MLflow server serves.
  const listed = await call('experiments.list', Experiments.list({ view_type: 'ALL' }));
  assert.ok(listed.experiments.some(e => e.experiment_id === experiment_id && e.name === name + '-renamed'));
  // MLflow's Default experiment, which its clients fall back to, exists with id '0'.
  assert.ok(listed.experiments.some(e => e.experiment_id === '0' && e.name === 'Default'));
  assert.strictEqual((await call('experiments.get', Experiments.get({ experiment_id: '0' }))).experiment.name, 'Default');

  const { run } = await call('runs.create', Runs.create({ experiment_id, start_time: Date.now(), tags: [{ key: 'source', value: 'npm' }] }));
  const run_id = run.info.run_id;
  assert.strictEqual(run.info.status, 'RUNNING');
  await call('runs.logMetric', Runs.logMetric({ run_id, key: 'loss', value: 0.5, timestamp: Date.now(), step: 0 }));
  await call('runs.logParameter', Runs.logParameter({ run_id, key: 'lr', value: '0.01' }));
  await call('runs.setTag', Runs.setTag({ run_id, key: 'temp', value: 'x' }));
  await call('runs.deleteTag', Runs.deleteTag({ run_id, key: 'temp' }));
  await call('runs.logBatch', Runs.logBatch({
    run_id,
    metrics: [1, 2, 3].map(step => ({ key: 'loss', value: 0.5 / (step + 1), timestamp: Date.now(), step })),
    params: [{ key: 'layers', value: '3' }],
    tags: [{ key: 'note', value: 'batch' }],
  }));
  const got = (await call('runs.get', Runs.get({ run_id }))).run;
  assert.strictEqual(got.data.metrics.find(m => m.key === 'loss').value, 0.125);
  assert.strictEqual(got.data.params.find(p => p.key === 'layers').value, '3');
  assert.ok(!got.data.tags.some(t => t.key === 'temp'));

  const history = await call('metrics.getHistory', Metrics.getHistory({ run_id, metric_key: 'loss' }));
  assert.deepStrictEqual(history.metrics.map(m => m.step), [0, 1, 2, 3]);
  const found = await call('runs.search', Runs.search({ experiment_ids: [experiment_id], filter: "metrics.loss < 0.2 and params.lr = '0.01'", run_view_type: 'ACTIVE_ONLY', max_results: 10, order_by: ['metrics.loss ASC'] }));
  assert.strictEqual(found.runs.length, 1);
  assert.strictEqual(found.runs[0].info.run_id, run_id);
  const updated = await call('runs.update', Runs.update({ run_id, status: 'FINISHED', end_time: Date.now() }));
  assert.strictEqual(updated.run_info.status, 'FINISHED');
  const artifacts = await call('artifacts.list', Artifacts.list({ run_id, path: '' }));
  assert.ok(Array.isArray(artifacts.files));

  await call('runs.delete', Runs.delete({ run_id }));
  await call('runs.restore', Runs.restore({ run_id }));
  await call('experiments.delete', Experiments.delete({ experiment_id }));
  await call('experiments.restore', Experiments.restore({ experiment_id }));

  let refused = false;
  try { await Runs.logParameter({ run_id, key: 'lr', value: '0.5' }); } catch (e) { refused = /INVALID_PARAMETER_VALUE/.test(String(e)); }
  assert.ok(refused, 'changing a param must be refused with INVALID_PARAMETER_VALUE');

  process.stdout.write('\nCALLS ' + JSON.stringify(calls) + '\n');
})().catch(e => { process.stderr.write('FAILED after ' + JSON.stringify(calls) + ': ' + (e && e.stack || e) + '\n'); process.exit(1); });
