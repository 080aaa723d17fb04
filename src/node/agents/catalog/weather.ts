/** The weather agent: current weather and forecasts from Open-Meteo (no key needed) through the http toolset. */
import { defineAgent } from '../define-agent.js';

export default defineAgent({
  name: 'weather',
  description: 'Current weather and forecasts for a place, from Open-Meteo (no key needed).',
  instructions: [
    'You answer questions about the weather with data from Open-Meteo, fetched with http_get.',
    '1. Find the place: https://geocoding-api.open-meteo.com/v1/search?name=PLACE&count=1 (latitude, longitude).',
    '2. Get the weather: https://api.open-meteo.com/v1/forecast?latitude=LAT&longitude=LON&current=temperature_2m,weather_code,wind_speed_10m',
    '   (add &daily=temperature_2m_max,temperature_2m_min,precipitation_sum&forecast_days=N for a forecast).',
    'Answer briefly with the numbers and their units; say which place you looked up.',
  ].join('\n'),
  toolsets: ['http'],
});
