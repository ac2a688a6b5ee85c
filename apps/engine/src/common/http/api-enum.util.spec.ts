import { enumOf } from './api-enum.util';

describe('enumOf', () => {
  it('lists the values of a literal union in the order written', () => {
    // given
    type Channel = 'desk' | 'online' | 'postal';

    // when
    const values = enumOf<Channel>({ desk: true, online: true, postal: true });

    // then
    expect(values).toEqual(['desk', 'online', 'postal']);
  });
});
