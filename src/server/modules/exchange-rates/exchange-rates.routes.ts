import { z } from 'zod';
import { page } from '../../../domain/common/fields.js';
import {
  baseCurrencySetting,
  effectiveRateQuery,
  effectiveRate as effectiveRateSchema,
  exchangeRate,
  exchangeRateInput,
  exchangeRateListQuery,
  rateImportResult,
} from '../../../domain/money/exchange-rate.schema.js';
import { actorOf } from '../../http/request.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import {
  changeBaseCurrency,
  effectiveRate,
  getBaseCurrency,
  importRateFile,
  listExchangeRates,
  removeExchangeRate,
  saveExchangeRate,
} from './exchange-rates.service.js';

const tags = ['exchange-rates'];
/** The ČNB file as the request body (text/plain), or JSON `{text}` for clients that only speak JSON. */
/** A year of ČNB rates is ~60 KB; several years of a CSV stay under 2 MB. */
const rateFileBody = z.union([z.string().max(2_000_000), z.object({ text: z.string().max(2_000_000) })]);

export function exchangeRateRoutes(app: App) {
  const db = () => app.database.db;
  app.get(
    '/api/v1/exchange-rates',
    {
      schema: {
        tags,
        summary: 'Dated exchange rates (base currency per unit), newest first',
        querystring: exchangeRateListQuery,
        response: { 200: page(exchangeRate), ...errorResponses },
      },
    },
    async (req) => listExchangeRates(db(), actorOf(req), req.query),
  );
  app.post(
    '/api/v1/exchange-rates',
    {
      schema: {
        tags,
        summary: 'Enter the rate of a currency on a day (admin); replaces that day’s rate if there is one',
        body: exchangeRateInput,
        response: { 200: exchangeRate, 201: exchangeRate, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { created, rate } = await saveExchangeRate(db(), actorOf(req), req.body);
      return reply.code(created ? 201 : 200).send(rate);
    },
  );
  app.delete(
    '/api/v1/exchange-rates/:id',
    { schema: { tags, summary: 'Remove a rate (admin)', params: idParams } },
    async (req, reply) => {
      await removeExchangeRate(db(), actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/exchange-rates/effective',
    {
      schema: {
        tags,
        summary: 'The rate in force on a day (the last earlier one on weekends and holidays)',
        querystring: effectiveRateQuery,
        response: { 200: effectiveRateSchema, ...errorResponses },
      },
    },
    async (req) => {
      actorOf(req);
      return effectiveRate(db(), req.query.currency, req.query.date);
    },
  );
  app.post(
    '/api/v1/exchange-rates/import',
    {
      bodyLimit: 2_500_000,
      schema: {
        tags,
        summary:
          'Import a rate file: ČNB daily or year file, or CSV currency,date,rate[,amount] (text/plain body, or JSON {text}) (admin)',
        body: rateFileBody,
        response: { 200: rateImportResult, ...errorResponses },
      },
    },
    async (req) => importRateFile(db(), actorOf(req), typeof req.body === 'string' ? req.body : req.body.text),
  );
  app.get(
    '/api/v1/exchange-rates/base-currency',
    {
      schema: {
        tags,
        summary: 'The base currency totals are shown in',
        response: { 200: baseCurrencySetting, ...errorResponses },
      },
    },
    async (req) => {
      actorOf(req);
      return getBaseCurrency(db());
    },
  );
  app.put(
    '/api/v1/exchange-rates/base-currency',
    {
      schema: {
        tags,
        summary: 'Change the base currency (admin); stored rates are not converted',
        body: baseCurrencySetting,
        response: { 200: baseCurrencySetting, ...errorResponses },
      },
    },
    async (req) => changeBaseCurrency(db(), actorOf(req), req.body.baseCurrency),
  );
}
