'use strict';
// A simulated agency for demos and tests: the systems of the land registry branch and of the tax office
// of the demo province, working their steps of `tach-thua-dat` through the engine's agency API
// (fetch-and-lock with long polling, complete, messages), each with its own API key. After a short delay
// (their "work"), the tax office assesses the tax from the parcel's area, the land registry confirms the
// applicant's payment (as the treasury's receipt would) and updates the cadastral database.
//
//   const agency = startSimulatedAgency({ baseUrl, keys: { landRegistry, taxOffice }, delayMs: 500 });
//   ...; await agency.stop();

const TAX_PER_SQUARE_METRE = 50_000;

async function call(baseUrl, key, method, path, body) {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return json;
}

/** One worker: long-polls a topic and handles each locked task after `delayMs`. */
function worker({ baseUrl, key, workerId, topic, delayMs, handle, log, stopped }) {
  return (async () => {
    while (!stopped()) {
      let tasks = [];
      try {
        tasks = await call(baseUrl, key, 'POST', '/external-tasks/fetch-and-lock', {
          workerId,
          maxTasks: 10,
          topics: [{ topicName: topic, lockDuration: 60_000 }],
          asyncResponseTimeout: 2_000,
        });
      } catch (error) {
        if (stopped()) return;
        log(`${workerId}: ${error.message}`);
        await new Promise((r) => setTimeout(r, 1_000));
        continue;
      }
      for (const task of tasks) {
        await new Promise((r) => setTimeout(r, delayMs));
        try {
          const variables = await handle(task);
          await call(baseUrl, key, 'POST', `/external-tasks/${task.id}/complete`, { workerId, variables });
          log(`${workerId}: ${task.dossierCode} ${topic} done`);
        } catch (error) {
          log(`${workerId}: ${task.dossierCode} ${topic} failed: ${error.message}`);
          await call(baseUrl, key, 'POST', `/external-tasks/${task.id}/failure`, {
            workerId,
            errorMessage: String(error.message).slice(0, 2000),
            retries: Math.max(0, (task.retries ?? 3) - 1),
            retryTimeout: 5_000,
          }).catch(() => undefined);
        }
      }
    }
  })();
}

function startSimulatedAgency({ baseUrl, keys, delayMs = 500, log = () => undefined }) {
  let stop = false;
  const stopped = () => stop;
  const workers = [
    worker({
      baseUrl,
      key: keys.taxOffice,
      workerId: 'mo-phong-thue',
      topic: 'tax-assessment',
      delayMs,
      log,
      stopped,
      handle: async (task) => {
        const area = Number(task.variables?.parcel?.area ?? 0);
        const taxAmount = Math.round(area * TAX_PER_SQUARE_METRE);
        // The applicant pays at the treasury a little later; the land registry's system learns of it.
        setTimeout(() => {
          call(baseUrl, keys.landRegistry, 'POST', '/messages', {
            name: 'payment-confirmed',
            dossierId: task.dossierId,
            messageId: `kbnn-${task.id}`,
            variables: { paidAmount: taxAmount, paidAt: new Date().toISOString() },
          })
            .then(() => log(`mo-phong-kho-bac: ${task.dossierCode} payment-confirmed`))
            .catch((error) => log(`mo-phong-kho-bac: ${error.message}`));
        }, delayMs);
        return { taxAmount, taxNotice: `TB-${task.dossierCode}` };
      },
    }),
    worker({
      baseUrl,
      key: keys.landRegistry,
      workerId: 'mo-phong-dia-chinh',
      topic: 'cadastre-update',
      delayMs,
      log,
      stopped,
      handle: async (task) => ({
        cadastreUpdatedAt: new Date().toISOString(),
        newParcels: task.variables?.newParcelCount ?? 2,
      }),
    }),
  ];
  return {
    async stop() {
      stop = true;
      await Promise.all(workers);
    },
  };
}

/** Signs in as the demo admin and creates the two systems' API keys. */
async function demoAgencyKeys(baseUrl, adminPassword = 'demo') {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: adminPassword }),
  });
  if (!login.ok) throw new Error(`admin sign-in failed: ${login.status}`);
  const { accessToken } = await login.json();
  const key = async (name, unitCode, topics) => {
    const res = await fetch(`${baseUrl}/api/v1/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        name,
        unitCode,
        topics,
        messageNames: ['payment-confirmed', 'supplement-received'],
      }),
    });
    if (!res.ok) throw new Error(`creating the key of ${unitCode} failed: ${res.status} ${await res.text()}`);
    return (await res.json()).key;
  };
  return {
    landRegistry: await key('Hệ thống địa chính (mô phỏng)', 'DTP-VPDK-CL', ['cadastre-update']),
    taxOffice: await key('Hệ thống quản lý thuế (mô phỏng)', 'DTP-THUE-1', ['tax-assessment']),
  };
}

module.exports = { startSimulatedAgency, demoAgencyKeys };
