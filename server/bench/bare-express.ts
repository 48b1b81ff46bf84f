// The yardstick of `npm run bench`: a bare express 5 server with one JSON POST handler, run in
// its own process like the hall server. PORT from the environment.
import express from 'express';

const app = express();
app.use(express.json());
app.post('/api/v1/halls/demo/tickets', (req, res) => {
  const body = (req.body ?? {}) as { serviceId?: string };
  res.status(201).json({ id: `demo.${Date.now()}`, serviceId: body.serviceId, status: 'waiting' });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
