import { Hono } from 'hono';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';

export function workflowRoutes(deps: Pick<ApiDeps, 'catalog'>): Hono {
  const app = new Hono();
  app.get('/', (c) => c.json({ workflows: deps.catalog }));
  app.get('/:name', (c) => {
    const workflow = deps.catalog.find((w) => w.name === c.req.param('name'));
    if (!workflow) {
      const known = deps.catalog.map((w) => w.name).join(', ');
      throw new ApiError('workflow-not-found', `No workflow named ${c.req.param('name')}; known: ${known}.`);
    }
    return c.json(workflow);
  });
  return app;
}
