import { SIMULATED_CAPABILITIES } from '../../../src/testing';
import { harness, sdkRejection } from '../../helpers/modules';

describe('session.led', () => {
  const h = harness();

  test('turnOn, blink, solid and turnOff send rgb_led_control', async () => {
    await h.useCloud();
    const { user, session } = await h.start();
    await session.led.turnOn({ color: 'green' });
    await session.led.blink('blue', 200, 100, 3);
    await session.led.solid('white', 5000);
    await session.led.turnOff();
    const sent = await user.waitFor(() => (user.sent('rgb_led_control').length === 4 ? user.sent('rgb_led_control') : undefined), 3000, 'four LED messages');
    const base = {
      type: 'rgb_led_control',
      packageName: 'com.example.app',
      sessionId: user.sessionId,
      requestId: expect.stringMatching(/^led_req_[0-9a-f-]{36}$/),
      timestamp: expect.any(String),
    };
    expect(sent).toEqual([
      { ...base, action: 'on', color: 'green', ontime: 1000, offtime: 0, count: 1 },
      { ...base, action: 'on', color: 'blue', ontime: 200, offtime: 100, count: 3 },
      { ...base, action: 'on', color: 'white', ontime: 5000, offtime: 0, count: 1 },
      { ...base, action: 'off' },
    ]);
    await sdkRejection(session.led.turnOn({ ontime: -1 }), 'invalid_argument');
  });

  test('getCapabilities lists the LEDs the glasses report', async () => {
    const lights = [{ id: 'privacy', purpose: 'privacy', isFullColor: false, color: 'white', position: 'front_facing' }];
    await h.useCloud({ capabilities: { ...SIMULATED_CAPABILITIES, hasLight: true, light: { count: 1, lights } } });
    const { session } = await h.start();
    expect(session.led.getCapabilities()).toEqual(lights);
  });

  test('getCapabilities is empty without capabilities', async () => {
    await h.useCloud({ capabilities: null });
    const { session } = await h.start();
    expect(session.led.getCapabilities()).toEqual([]);
  });
});
