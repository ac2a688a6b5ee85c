// A worker of the tax office written against Camunda 7 with the official client, unchanged: it only
// learns the engine's address and adds the unit's API key to every request. It assesses the tax of each
// land-parcel dossier it fetches (the parcel's area, a typed Json variable) and exits after `COUNT` tasks.
//
//   ENGINE=http://127.0.0.1:3000 API_KEY=lt_... COUNT=1 node test/e2e/support/camunda-worker.mjs
import { Client, Variables } from 'camunda-external-task-client-js';

const count = Number(process.env.COUNT ?? 1);
let done = 0;
const client = new Client({
  baseUrl: `${process.env.ENGINE}/engine-rest`,
  workerId: 'camunda-js-thue',
  maxTasks: 5,
  interval: 100,
  asyncResponseTimeout: 2000,
  lockDuration: 30000,
  interceptors: (config) => ({ ...config, headers: { ...config.headers, 'X-API-Key': process.env.API_KEY } }),
});
client.on('poll:error', (e) => process.stderr.write(`poll error: ${e?.message ?? e}\n`));
client.subscribe('tax-assessment', async ({ task, taskService }) => {
  const parcel = task.variables.get('parcel');
  const vars = new Variables()
    .set('taxAmount', Math.round((parcel?.area ?? 0) * 50_000))
    .set('assessedBy', 'camunda-js');
  if (parcel?.area === undefined) {
    await taskService.handleBpmnError(task, 'KHONG_XAC_DINH', 'Thửa đất không có diện tích');
  } else {
    await taskService.complete(task, vars);
  }
  process.stdout.write(`${task.businessKey} ${task.topicName} done\n`);
  if (++done >= count) {
    client.stop();
    setTimeout(() => process.exit(0), 100);
  }
});
